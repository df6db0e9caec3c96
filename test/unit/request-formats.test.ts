// The exact body each API format gets: system text, roles, images, response_format and extraBody.
import {
	API_FORMATS,
	anthropic,
	apiFormatFor,
	buildChatBody,
	checkConversation,
	gemini,
	openAi,
	readBodySettings,
	type ApiFormat,
	type BodyOptions,
	type ChatTurn,
} from '../../nodes/shared/apiFormats';
import { BadInput } from '../../nodes/shared/badInput';

const body = (apiFormat: ApiFormat, conversation: ChatTurn[], options: BodyOptions = {}) =>
	buildChatBody(apiFormat, conversation, readBodySettings(apiFormat, options));

const system = (content: string): ChatTurn => ({ role: 'system', content });
const user = (content: string, images?: ChatTurn['images']): ChatTurn => ({ role: 'user', content, ...(images && { images }) });
const assistant = (content: string): ChatTurn => ({ role: 'assistant', content });

const png = { mimeType: 'image/png', data: 'iVBORw0KGgo=' };
const jpeg = { mimeType: 'image/jpeg', data: '/9j/4AAQ' };

const conversation = [system('Be brief.'), user('Hi'), assistant('Hello.'), system('Use French.'), user('And you?')];

describe('auto picks the format from the slug', () => {
	test.each([
		['claude-4-sonnet', 'anthropic'],
		['Claude-3.5-Sonnet', 'anthropic'],
		['gemini-2.5-flash', 'gemini'],
		['GEMINI-1.5-pro', 'gemini'],
		['gpt-4o', 'openai'],
		['o4-mini', 'openai'],
		['deepseek-chat', 'openai'],
		['llama-v3p1-8b-instruct', 'openai'],
		['my-claude-proxy', 'openai'],
	])('%s is %s', (slug, name) => {
		expect(apiFormatFor('auto', slug).name).toBe(name);
		expect(apiFormatFor(undefined, slug).name).toBe(name);
	});

	const prefixed = API_FORMATS.filter((apiFormat) => apiFormat.slugPrefix !== undefined);

	test.each(prefixed)('$name: a slug that begins with its prefix $slugPrefix, in any case, takes it', (apiFormat) => {
		const prefix = apiFormat.slugPrefix as string;
		expect(apiFormatFor('auto', `${prefix}-next`).name).toBe(apiFormat.name);
		expect(apiFormatFor('auto', `${prefix.toUpperCase()}-NEXT`).name).toBe(apiFormat.name);
		expect(apiFormatFor('auto', `x-${prefix}`).name).toBe('openai');
	});

	test('the prefixes are lower case, and no prefix begins another (so their order does not matter)', () => {
		const prefixes = prefixed.map((apiFormat) => apiFormat.slugPrefix as string);
		expect(prefixes).toEqual(['claude', 'gemini']);
		for (const prefix of prefixes) {
			expect(prefix).toBe(prefix.toLowerCase());
			expect(prefixes.filter((other) => other.startsWith(prefix))).toEqual([prefix]);
		}
	});

	test('OpenAI is the one format without a prefix: it takes every slug the others do not claim', () => {
		expect(API_FORMATS.filter((apiFormat) => apiFormat.slugPrefix === undefined).map(({ name }) => name)).toEqual(['openai']);
		expect(apiFormatFor('auto', '').name).toBe('openai');
	});

	test('a chosen format wins over the slug', () => {
		expect(apiFormatFor('gemini', 'claude-4-sonnet').name).toBe('gemini');
		expect(apiFormatFor('openai', 'gemini-2.5-pro').name).toBe('openai');
	});

	test('an unknown format is bad input naming apiFormat', () => {
		expect(() => apiFormatFor('mistral', 'gpt-4o')).toThrow(BadInput);
		expect(() => apiFormatFor('mistral', 'gpt-4o')).toThrow(/^apiFormat must be auto, openai, anthropic, gemini, not "mistral"/);
	});
});

describe('OpenAI format', () => {
	test('messages exactly as given, the system ones included', () => {
		expect(body(openAi, conversation)).toStrictEqual({ messages: conversation });
	});

	test('images make the message content parts with data URLs, in order', () => {
		expect(body(openAi, [system('Be brief.'), user('What is this?', [png, jpeg])])).toStrictEqual({
			messages: [
				{ role: 'system', content: 'Be brief.' },
				{
					role: 'user',
					content: [
						{ type: 'text', text: 'What is this?' },
						{ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
						{ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } },
					],
				},
			],
		});
	});
});

describe('Anthropic Claude format', () => {
	test('the system messages joined by a blank line into instruction; user and assistant only', () => {
		expect(body(anthropic, conversation)).toStrictEqual({
			instruction: 'Be brief.\n\nUse French.',
			messages: [user('Hi'), assistant('Hello.'), user('And you?')],
		});
	});

	test('no instruction without system text', () => {
		expect(body(anthropic, [user('Hi')])).toStrictEqual({ messages: [user('Hi')] });
	});

	test('images become base64 image blocks after the text', () => {
		expect(body(anthropic, [system('Be brief.'), user('What is this?', [png])])).toStrictEqual({
			instruction: 'Be brief.',
			messages: [
				{
					role: 'user',
					content: [
						{ type: 'text', text: 'What is this?' },
						{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
					],
				},
			],
		});
	});
});

describe('Google Gemini format', () => {
	test('messages is an object: system_instruction, then contents with user and model roles', () => {
		expect(body(gemini, conversation)).toStrictEqual({
			messages: {
				system_instruction: { parts: { text: 'Be brief.\n\nUse French.' } },
				contents: [
					{ role: 'user', parts: [{ text: 'Hi' }] },
					{ role: 'model', parts: [{ text: 'Hello.' }] },
					{ role: 'user', parts: [{ text: 'And you?' }] },
				],
			},
		});
	});

	test('no system_instruction without system text', () => {
		expect(body(gemini, [user('Hi')])).toStrictEqual({ messages: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] } });
	});

	test('images become inlineData parts after the text', () => {
		expect(body(gemini, [user('What is this?', [png, jpeg])])).toStrictEqual({
			messages: {
				contents: [
					{
						role: 'user',
						parts: [
							{ text: 'What is this?' },
							{ inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
							{ inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQ' } },
						],
					},
				],
			},
		});
	});
});

describe('the fields around the conversation, in every API format', () => {
	const schema = { type: 'object', properties: { answer: { type: 'string' } } };
	const jsonSchemaFormat = { type: 'json_schema', json_schema: { name: 'response', schema, strict: true } };

	test.each([openAi, anthropic, gemini])('$name: temperature, max_tokens and response_format at the top level', (apiFormat) => {
		const sent = body(apiFormat, [user('Hi')], { temperature: 0.2, maxTokens: 50, responseFormat: 'jsonSchema', jsonSchema: JSON.stringify(schema) });
		expect(sent).toMatchObject({ temperature: 0.2, max_tokens: 50, response_format: jsonSchemaFormat });
	});

	test.each(API_FORMATS.filter((apiFormat) => apiFormat.takesJsonObject))('$name: jsonObject sends {type: "json_object"}', (apiFormat) => {
		expect(body(apiFormat, [user('Answer in JSON')], { responseFormat: 'jsonObject' }).response_format).toEqual({ type: 'json_object' });
	});

	test.each([openAi, anthropic, gemini])('$name: text sends no response_format', (apiFormat) => {
		expect(body(apiFormat, [user('Hi')], { responseFormat: 'text' })).not.toHaveProperty('response_format');
	});

	test('extraBody is merged at the top level; instruction and the Gemini messages object win over it', () => {
		const extraBody = JSON.stringify({ top_p: 0.5, instruction: 'hijacked', messages: 'hijacked', response_format: { type: 'text' } });
		expect(body(anthropic, [system('Be brief.'), user('Hi')], { extraBody, responseFormat: 'jsonSchema', jsonSchema: schema })).toStrictEqual({
			top_p: 0.5,
			instruction: 'Be brief.',
			messages: [user('Hi')],
			response_format: jsonSchemaFormat,
		});
		expect(body(gemini, [user('Hi')], { extraBody })).toStrictEqual({
			top_p: 0.5,
			instruction: 'hijacked',
			messages: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] },
			response_format: { type: 'text' },
		});
	});
});

describe('bad input', () => {
	test('only Claude refuses jsonObject', () => {
		expect(API_FORMATS.filter((apiFormat) => !apiFormat.takesJsonObject).map(({ name }) => name)).toEqual(['anthropic']);
	});

	test('jsonObject for Claude names responseFormat', () => {
		expect(() => readBodySettings(anthropic, { responseFormat: 'jsonObject' })).toThrow(BadInput);
		expect(() => readBodySettings(anthropic, { responseFormat: 'jsonObject' })).toThrow(
			/^responseFormat: Anthropic Claude models take only a JSON schema/,
		);
	});

	test.each([
		['missing', undefined, /^jsonSchema is missing/],
		['blank', '  ', /^jsonSchema is missing/],
		['not JSON', '{type: object', /^jsonSchema must be a JSON object, and this is not valid JSON/],
		['an array', '[]', /^jsonSchema must be a JSON object, not an array/],
	])('a jsonSchema %s names jsonSchema', (_name, jsonSchema, message) => {
		expect(() => readBodySettings(openAi, { responseFormat: 'jsonSchema', jsonSchema })).toThrow(message);
	});

	test('an unknown responseFormat names responseFormat', () => {
		expect(() => readBodySettings(openAi, { responseFormat: 'xml' as never })).toThrow(/^responseFormat must be text, jsonObject, jsonSchema, not "xml"/);
	});

	test.each([anthropic, gemini])('$name: only system text names the list', (apiFormat) => {
		expect(() => checkConversation(apiFormat, [system('Be brief.')], 'messages')).toThrow(
			new RegExp(`^messages has only system text: ${apiFormat.label} models need a user or assistant message too`),
		);
	});

	test('OpenAI takes a conversation of system text alone, as in 0.1', () => {
		expect(() => checkConversation(openAi, [system('Be brief.')], 'messages')).not.toThrow();
	});
});
