// The API Format option in the editor: auto, then each format's own entry, from the registry.
// Its values and labels are a contract (saved workflows hold the values).
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { LmChatSegmind } from '../../nodes/LmChatSegmind/LmChatSegmind.node';
import { SegmindGpt45 } from '../../nodes/SegmindGpt45/SegmindGpt45.node';
import { API_FORMATS } from '../../nodes/shared/apiFormats';

function apiFormatOptionOf(properties: INodeProperties[]): INodePropertyOptions[] {
	const collections = properties.filter((property) => property.name === 'options');
	const options = collections.flatMap((collection) => collection.options as INodeProperties[]);
	const apiFormat = options.filter((option) => option.name === 'apiFormat');
	expect(apiFormat).toHaveLength(1);
	return apiFormat[0].options as INodePropertyOptions[];
}

describe.each([
	['Segmind GPT-4.5', new SegmindGpt45().description.properties],
	['Segmind Chat Model', new LmChatSegmind().description.properties],
])('%s', (_node, properties) => {
	const entries = apiFormatOptionOf(properties);

	test('lists auto, OpenAI, Anthropic Claude and Google Gemini, with the values of the contract', () => {
		expect(entries.map(({ name, value }) => [value, name])).toEqual([
			['auto', 'Auto (From the Model Slug)'],
			['openai', 'OpenAI'],
			['anthropic', 'Anthropic Claude'],
			['gemini', 'Google Gemini'],
		]);
	});

	test("each format's entry is its own: label, name and description, in the registry's order", () => {
		expect(entries.slice(1)).toEqual(
			API_FORMATS.map(({ label, name, optionDescription }) => ({ name: label, value: name, description: optionDescription })),
		);
	});

	test("auto's description names each format's slug prefix, then the fallback", () => {
		expect(entries[0].description).toBe(
			'Claude* slugs get the Anthropic Claude format, gemini* slugs the Google Gemini format, every other slug the OpenAI format',
		);
	});
});
