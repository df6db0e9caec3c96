// Run a Model with Parameters "Using Fields Below": the request body the emulator receives from
// the form's values, typed by the form's schema (as n8n's editor saves it, from the node's own
// getModelParameters), run on n8n-core's WorkflowExecute.
import type { IDataObject, INodeParameters, ResourceMapperField } from 'n8n-workflow';

import { ALL_PARAMETER_KINDS_SLUG } from '../../emulator/catalog';
import { clearCatalogCache } from '../../nodes/shared/catalog';
import { useEmulator } from './support/emulatorFixture';
import { modelParameterFields } from './support/loadOptions';
import { SEGMIND_ANY_MODEL_NODE_TYPE } from './support/packageNodes';
import { runWorkflow, type SegmindNodeSpec } from './support/runWorkflow';
import { modelIn, TINY_PNG } from './support/segmindNode';

const api = useEmulator();

beforeEach(() => clearCatalogCache());

const SYNC: INodeParameters = { requestMode: 'sync', maxRetries: 0 };

/** The form of a model as the editor loads it. */
const formOf = async (slug: string) =>
	(await modelParameterFields(modelIn('list', slug), api.credentials())).fields;

/** Run a Model in fields mode, with the form's values and schema as n8n saves them. */
const runFields = (
	slug: string,
	value: IDataObject | null,
	schema: ResourceMapperField[],
	options: INodeParameters = SYNC,
	onError?: SegmindNodeSpec['onError'],
): SegmindNodeSpec => ({
	type: SEGMIND_ANY_MODEL_NODE_TYPE,
	parameters: {
		resource: 'model',
		operation: 'run',
		model: modelIn('list', slug),
		parametersMode: 'fields',
		parameters: {
			mappingMode: 'defineBelow',
			value,
			matchingColumns: [],
			schema,
			attemptToConvertTypes: false,
			convertFieldsToString: false,
		} as unknown as INodeParameters,
		options,
	},
	onError,
});

/** The bodies of the model runs that reached the emulator. */
const sentBodies = () =>
	api.emulator.log
		.filter((entry) => entry.method === 'POST' && entry.kind !== 'upload')
		.map((entry) => entry.body);

const run = async (spec: SegmindNodeSpec, input: IDataObject[] = [{}]) =>
	await runWorkflow({ nodes: [spec], input, credentials: api.credentials() });

describe('each field type is sent as its type', () => {
	test('values as the editor keeps them: numbers, booleans, options, JSON text for arrays and objects', async () => {
		const schema = await formOf(ALL_PARAMETER_KINDS_SLUG);
		await run(
			runFields(
				ALL_PARAMETER_KINDS_SLUG,
				{
					prompt: 'a red fox',
					aspect_ratio: '16:9',
					negative_prompt: 'blurry',
					steps: 30,
					guidance_scale: 7.5,
					seed: 7,
					enhance_prompt: true,
					reference_images: '["https://example.com/a.png", "https://example.com/b.png"]',
					style_preset: '{"name": "film", "strength": 0.8}',
				},
				schema,
			),
		);
		const [body] = sentBodies();
		expect(body).toStrictEqual({
			prompt: 'a red fox',
			aspect_ratio: '16:9',
			negative_prompt: 'blurry',
			steps: 30,
			guidance_scale: 7.5,
			seed: 7,
			enhance_prompt: true,
			reference_images: ['https://example.com/a.png', 'https://example.com/b.png'],
			style_preset: { name: 'film', strength: 0.8 },
		});
		// In the form's order (displayOrder), whatever order the values were kept in.
		expect(Object.keys(body as object)).toEqual(schema.map((field) => field.id));
	});

	test('values from expressions, per item: text typed as the field is, arrays and objects taken as they are', async () => {
		const schema = await formOf(ALL_PARAMETER_KINDS_SLUG);
		const input = [
			{ prompt: 'a fox', steps: '12', seed: ' 99 ', on: 'TRUE', ratio: '9:16', images: ['u1'] },
			{ prompt: 'an owl', steps: 4.5, seed: 0, on: false, ratio: '1:1', images: [] },
		];
		await run(
			runFields(
				ALL_PARAMETER_KINDS_SLUG,
				{
					prompt: '={{ $json.prompt }}',
					aspect_ratio: '={{ $json.ratio }}',
					steps: '={{ $json.steps }}',
					seed: '={{ $json.seed }}',
					enhance_prompt: '={{ $json.on }}',
					reference_images: '={{ $json.images }}',
					style_preset: '={{ { name: $json.prompt } }}',
				},
				schema,
				{ ...SYNC, concurrency: 1 },
			),
			input,
		);
		expect(sentBodies()).toStrictEqual([
			{
				prompt: 'a fox',
				aspect_ratio: '9:16',
				steps: 12,
				seed: 99,
				enhance_prompt: true,
				reference_images: ['u1'],
				style_preset: { name: 'a fox' },
			},
			{
				prompt: 'an owl',
				aspect_ratio: '1:1',
				steps: 4.5,
				seed: 0,
				enhance_prompt: false,
				reference_images: [],
				style_preset: { name: 'an owl' },
			},
		]);
	});

	test('a numeric option given as text is sent as the option it names', async () => {
		const schema = await formOf('sdxl1.0-txt2img');
		await run(
			runFields(
				'sdxl1.0-txt2img',
				{ prompt: 'a fox', img_width: '={{ "768" }}', img_height: 512, scheduler: 'Euler a' },
				schema,
			),
		);
		expect(sentBodies()).toStrictEqual([
			{ prompt: 'a fox', scheduler: 'Euler a', img_width: 768, img_height: 512 },
		]);
	});

	test('an option an expression gives that is not in the list is sent as given (the catalogue may lag the model)', async () => {
		const schema = await formOf(ALL_PARAMETER_KINDS_SLUG);
		await run(
			runFields(ALL_PARAMETER_KINDS_SLUG, { prompt: 'x', aspect_ratio: '={{ "4:3" }}' }, schema),
		);
		expect(sentBodies()).toStrictEqual([{ prompt: 'x', aspect_ratio: '4:3' }]);
	});

	test('empty fields that are not required are left out (empty values, and expressions giving nothing or blank text)', async () => {
		const schema = await formOf(ALL_PARAMETER_KINDS_SLUG);
		await run(
			runFields(
				ALL_PARAMETER_KINDS_SLUG,
				{
					prompt: 'a red fox',
					negative_prompt: '={{ "" }}',
					steps: null,
					seed: '={{ $json.nothing }}',
					guidance_scale: '={{ " " }}',
					reference_images: '={{ " " }}',
					style_preset: '={{ "" }}',
					enhance_prompt: false,
				},
				schema,
			),
		);
		expect(sentBodies()).toStrictEqual([{ prompt: 'a red fox', enhance_prompt: false }]);
	});

	test('a value the form does not describe (a field since gone from the catalogue) is sent as given, after the others', async () => {
		const schema = await formOf('flux-schnell');
		await run(runFields('flux-schnell', { legacy: '5', prompt: 'a fox', steps: 2 }, schema));
		const [body] = sentBodies();
		expect(body).toStrictEqual({ prompt: 'a fox', steps: 2, legacy: '5' });
		expect(Object.keys(body as object)).toEqual(['prompt', 'steps', 'legacy']);
	});
});

describe('whole runs in fields mode', () => {
	test('a media model run in sync mode: its file comes back', async () => {
		const schema = await formOf('sdxl1.0-txt2img');
		const { items, error } = await run(
			runFields(
				'sdxl1.0-txt2img',
				{ prompt: 'a lighthouse', samples: 1, img_width: 768, base64: false, seed: 5 },
				schema,
			),
		);
		expect(error).toBeUndefined();
		expect(sentBodies()).toStrictEqual([
			{ prompt: 'a lighthouse', samples: 1, seed: 5, img_width: 768, base64: false },
		]);
		expect(items[0].json).toMatchObject({
			success: true,
			status: 'ok',
			model: 'sdxl1.0-txt2img',
			files: [{ mimeType: 'image/jpeg', binaryProperty: 'data' }],
		});
	});

	test('a queued run with an array field from JSON text: the images reach the model', async () => {
		const schema = await formOf('seedream-4-edit');
		const image = `data:image/png;base64,${TINY_PNG.toString('base64')}`;
		const { items, error } = await run(
			runFields(
				'seedream-4-edit',
				{ prompt: 'make it blue', reference_images: JSON.stringify([image, image]), seed: 3 },
				schema,
				{ pollInterval: 250 },
			),
		);
		expect(error).toBeUndefined();
		expect(sentBodies()).toStrictEqual([
			{ prompt: 'make it blue', reference_images: [image, image], seed: 3 },
		]);
		expect(items[0].json).toMatchObject({ success: true, status: 'ok', model: 'seedream-4-edit' });
		expect(items[0].json.requestId).toEqual(expect.any(String));
	});
});

describe('bad input names its field, and nothing is sent', () => {
	// Values given by expressions: n8n checks fixed values itself before the run (below).
	const badValues: Array<[string, string, unknown, string]> = [
		['a required field left empty', 'prompt', '', 'parameters.prompt is required: give it a value'],
		[
			'a required field given null',
			'prompt',
			null,
			'parameters.prompt is required: give it a value',
		],
		[
			'an array field that is not valid JSON',
			'reference_images',
			'["a.png", ',
			'parameters.reference_images must be a JSON array, and this is not valid JSON',
		],
		[
			'an array field holding an object',
			'reference_images',
			'{"url": "a.png"}',
			'parameters.reference_images must be a JSON array, not an object',
		],
		[
			'an object field holding an array',
			'style_preset',
			'[1, 2]',
			'parameters.style_preset must be a JSON object, not an array',
		],
		[
			'an object field that is not valid JSON',
			'style_preset',
			"{name: 'film'}",
			'parameters.style_preset must be a JSON object, and this is not valid JSON',
		],
		[
			'an object field given a number',
			'style_preset',
			5,
			'parameters.style_preset must be a JSON object, not number',
		],
		[
			'a number field that is not a number',
			'steps',
			'many',
			'parameters.steps must be a number, not "many"',
		],
		[
			'a number field given a boolean',
			'steps',
			true,
			'parameters.steps must be a number, not boolean true',
		],
		[
			'a boolean field that is neither true nor false',
			'enhance_prompt',
			'maybe',
			'parameters.enhance_prompt must be true or false, not "maybe"',
		],
		[
			'a text field given an object',
			'negative_prompt',
			{ a: 1 },
			'parameters.negative_prompt must be text, not an object',
		],
	];

	test.each(badValues)('%s', async (_, id, given, message) => {
		const schema = await formOf(ALL_PARAMETER_KINDS_SLUG);
		const { error, items } = await run(
			runFields(ALL_PARAMETER_KINDS_SLUG, { prompt: 'x', [id]: '={{ $json.v }}' }, schema),
			[{ v: given as IDataObject[string] }],
		);
		expect(items).toEqual([]);
		expect(error).toMatchObject({ name: 'NodeOperationError', message });
		expect(sentBodies()).toEqual([]);
	});

	test('a form without fields (the catalogue had none for the model) points to JSON', async () => {
		const { error } = await run(runFields('gpt-4o', {}, []));
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringMatching(/^parameters has no fields: .*Using JSON/),
		});
		expect(sentBodies()).toEqual([]);
	});

	test('a form never loaded (the parameter at its default) points to JSON too', async () => {
		const spec = runFields('flux-dev', null, []);
		delete spec.parameters.parameters;
		const { error } = await run(spec);
		expect(error).toMatchObject({ message: expect.stringMatching(/^parameters has no fields: /) });
		expect(sentBodies()).toEqual([]);
	});

	test('one bad item stops the run before any request, naming the item', async () => {
		const schema = await formOf(ALL_PARAMETER_KINDS_SLUG);
		const { error } = await run(
			runFields(ALL_PARAMETER_KINDS_SLUG, { prompt: '={{ $json.prompt }}' }, schema),
			[{ prompt: 'a fox' }, { prompt: '' }, { prompt: 'an owl' }],
		);
		expect(error).toMatchObject({
			message: 'parameters.prompt is required: give it a value',
			context: expect.objectContaining({ itemIndex: 1 }),
		});
		expect(sentBodies()).toEqual([]);
	});

	test('with Continue on Error, the bad item carries the error and the others are sent', async () => {
		const schema = await formOf('flux-schnell');
		const { items, error } = await run(
			runFields(
				'flux-schnell',
				{ prompt: 'a fox', steps: '={{ $json.steps }}' },
				schema,
				SYNC,
				'continueRegularOutput',
			),
			[{ steps: 2 }, { steps: 'two' }],
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ success: true, status: 'ok' });
		expect(items[1].json).toEqual({ error: 'parameters.steps must be a number, not "two"' });
		expect(sentBodies()).toStrictEqual([{ prompt: 'a fox', steps: 2 }]);
	});
});

describe("fixed values that do not fit their field: n8n itself refuses the run, from the form's schema", () => {
	test.each([
		['a required field missing', { steps: 3 }, 'Parameter "prompt" is required'],
		['no values at all', null, 'Parameter "prompt" is required'],
		[
			'an array field that is not JSON',
			{ prompt: 'x', reference_images: '["a.png", ' },
			"'reference_images' expects a array",
		],
		[
			'an object field holding an array',
			{ prompt: 'x', style_preset: '[1, 2]' },
			"'style_preset' expects a object",
		],
		['a number field holding text', { prompt: 'x', steps: 'many' }, "'steps' expects a number"],
		[
			'an option not in the list',
			{ prompt: 'x', aspect_ratio: '4:3' },
			"'aspect_ratio' expects one of the following values: [1:1, 16:9, 9:16]",
		],
	])('%s', async (_, value, issue) => {
		const schema = await formOf(ALL_PARAMETER_KINDS_SLUG);
		await expect(run(runFields(ALL_PARAMETER_KINDS_SLUG, value, schema))).rejects.toMatchObject({
			name: 'WorkflowHasIssuesError',
			message: expect.stringContaining(issue),
		});
		expect(sentBodies()).toEqual([]);
	});
});
