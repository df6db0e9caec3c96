// Run a Model in fields mode: the Parameters form n8n's editor shows for the chosen model, from
// the emulator's catalogue, through n8n-core's LoadOptionsContext as n8n's editor calls it.
import type { ResourceMapperField } from 'n8n-workflow';

import {
	ALL_PARAMETER_KINDS_SLUG,
	CATALOG_ENTRIES,
	DEPRECATED_CATALOG_SLUG,
} from '../../emulator/catalog';
import { CATALOG_TTL_MS, clearCatalogCache, SHIPPED_CATALOG } from '../../nodes/shared/catalog';
import { useEmulator } from './support/emulatorFixture';
import { modelListResults, modelParameterFields } from './support/loadOptions';
import { modelIn } from './support/segmindNode';

const api = useEmulator();

beforeEach(() => clearCatalogCache());
afterEach(() => jest.restoreAllMocks());

const field = (
	id: string,
	type: ResourceMapperField['type'],
	more: Partial<ResourceMapperField> = {},
): ResourceMapperField => ({
	id,
	displayName: id,
	required: false,
	defaultMatch: false,
	canBeUsedToMatch: false,
	display: true,
	type,
	...more,
});

const fieldsOf = async (model: unknown) => await modelParameterFields(model, api.credentials());

const catalogueReads = () => api.emulator.log.filter((entry) => entry.kind === 'catalog');

describe('the entry with every parameter kind', () => {
	test('gives one field per parameter, typed, required, with options and defaults, by displayOrder, hidden ones left out', async () => {
		const form = await fieldsOf(modelIn('list', ALL_PARAMETER_KINDS_SLUG));
		expect(form).toStrictEqual({
			fields: [
				field('prompt', 'string', { required: true }),
				field('aspect_ratio', 'options', {
					options: [
						{ name: '1:1', value: '1:1' },
						{ name: '16:9', value: '16:9' },
						{ name: '9:16', value: '9:16' },
					],
					defaultValue: '1:1',
				}),
				field('negative_prompt', 'string'),
				field('steps', 'number', { defaultValue: 25 }),
				field('guidance_scale', 'number', { defaultValue: 7.5 }),
				field('seed', 'number', { defaultValue: 42 }),
				field('enhance_prompt', 'boolean', { defaultValue: false }),
				field('reference_images', 'array'),
				field('style_preset', 'object', { defaultValue: '{"name":"none","strength":0.5}' }),
			],
		});
		expect(form.fields.map((each) => each.id)).not.toContain('safety_tolerance');
	});

	test('is the same form whether the model is picked from the list, given by slug or by URL', async () => {
		const fromList = await fieldsOf(modelIn('list', ALL_PARAMETER_KINDS_SLUG));
		await expect(fieldsOf(modelIn('id', ` ${ALL_PARAMETER_KINDS_SLUG} `))).resolves.toEqual(
			fromList,
		);
		await expect(
			fieldsOf(modelIn('url', `https://www.segmind.com/models/${ALL_PARAMETER_KINDS_SLUG}/api`)),
		).resolves.toEqual(fromList);
	});
});

test('numeric options keep their numbers, and min/max without a default makes a number', async () => {
	const form = await fieldsOf(modelIn('list', 'sdxl1.0-txt2img'));
	const byId = Object.fromEntries(form.fields.map((each) => [each.id, each]));
	expect(byId.img_width).toStrictEqual(
		field('img_width', 'options', {
			options: [
				{ name: '512', value: 512 },
				{ name: '768', value: 768 },
				{ name: '1024', value: 1024 },
			],
			defaultValue: 1024,
		}),
	);
	expect(byId.base64).toStrictEqual(field('base64', 'boolean', { defaultValue: false }));
	expect(form.fields.map((each) => each.id)).toEqual([
		'prompt',
		'negative_prompt',
		'style',
		'samples',
		'scheduler',
		'num_inference_steps',
		'guidance_scale',
		'seed',
		'img_width',
		'img_height',
		'base64',
	]);
});

test('every entry of the catalogue gets a field for each of its parameters that is not hidden', async () => {
	for (const entry of CATALOG_ENTRIES) {
		const form = await fieldsOf(modelIn('id', entry.slug));
		const shown = Object.entries(entry.parameters)
			.filter(([, parameter]) => parameter.hidden !== true)
			.map(([name]) => name);
		expect(form.fields.map((each) => each.id).sort()).toEqual(shown.sort());
		expect(form.fields.filter((each) => each.required).map((each) => each.id)).toEqual(
			shown.filter((name) => entry.parameters[name].isRequired === true),
		);
	}
	expect(catalogueReads()).toHaveLength(1);
});

test('a deprecated model, left out of the list, still gets its form when given by slug', async () => {
	const list = await modelListResults(api.credentials(), DEPRECATED_CATALOG_SLUG);
	expect(list.results).toEqual([]);
	const form = await fieldsOf(modelIn('id', DEPRECATED_CATALOG_SLUG));
	expect(form.fields.map((each) => each.id)).toEqual(['prompt', 'num_inference_steps']);
});

describe('no fields, and a notice pointing to JSON', () => {
	test('when no model is picked yet (nothing read)', async () => {
		const form = await fieldsOf(modelIn('list', ''));
		expect(form.fields).toEqual([]);
		expect(form.emptyFieldsNotice).toMatch(/^Pick a model above .*<b>Using JSON<\/b>/);
		expect(catalogueReads()).toHaveLength(0);
	});

	test('when the model is an expression (known only in a run)', async () => {
		const form = await fieldsOf(modelIn('id', '={{ $json.model }}'));
		expect(form.fields).toEqual([]);
		expect(form.emptyFieldsNotice).toMatch(/^The model is set by an expression.*Using JSON/);
	});

	test('when the model URL is not a Segmind model page', async () => {
		const form = await fieldsOf(modelIn('url', 'https://example.com/models/flux-dev'));
		expect(form.fields).toEqual([]);
		expect(form.emptyFieldsNotice).toMatch(/^Pick a model above/);
	});

	test('when the catalogue lists no parameters for the model', async () => {
		const form = await fieldsOf(modelIn('list', 'gpt-4o'));
		expect(form).toEqual({
			fields: [],
			emptyFieldsNotice:
				'Segmind\'s model catalogue lists no parameters for "gpt-4o": set Parameters to <b>Using JSON</b> and give the request body there.',
		});
	});

	test('when the model is not in the catalogue (its text escaped: the notice is HTML)', async () => {
		const form = await fieldsOf(modelIn('id', 'my<b>model'));
		expect(form).toEqual({
			fields: [],
			emptyFieldsNotice:
				'"my&lt;b&gt;model" is not in Segmind\'s model catalogue, so its parameters are not known here: set Parameters to <b>Using JSON</b> and give the request body there.',
		});
	});
});

describe('when the catalogue cannot be read, the shipped one stands in', () => {
	test.each([
		['a 500', { catalogFailure: 500 }, /could not be read \(server_error: /],
		['a reset connection', { catalogFailure: 'reset' }, /could not be read \(network_error: /],
		['an answer with no list (unknown shape)', { catalogShape: 'unknown' }, /holds no list/],
	] as const)('%s: no fields for its models, a notice saying why', async (_, options, reason) => {
		api.emulator.configure(options);
		const form = await fieldsOf(modelIn('list', 'flux-pro'));
		expect(form.fields).toEqual([]);
		expect(form.emptyFieldsNotice).toMatch(reason);
		expect(form.emptyFieldsNotice).toMatch(
			/the parameters of "flux-pro" are not known here: set Parameters to <b>Using JSON<\/b>/,
		);
		const list = await modelListResults(api.credentials());
		expect(list.results.map((item) => item.value)).toEqual(
			SHIPPED_CATALOG.map((entry) => entry.slug),
		);
		expect(catalogueReads()).toHaveLength(1);
	});

	test('a 401 (the key refused) falls back too, naming the status', async () => {
		const form = await modelParameterFields(modelIn('list', 'flux-pro'), {
			apiKey: 'SG_not_a_known_key',
			baseUrl: api.emulator.url,
		});
		expect(form.fields).toEqual([]);
		expect(form.emptyFieldsNotice).toMatch(/could not be read \(unauthorized: /);
	});

	test('a top-level array (the other shape) is read as the catalogue itself', async () => {
		api.emulator.configure({ catalogShape: 'array' });
		const form = await fieldsOf(modelIn('list', ALL_PARAMETER_KINDS_SLUG));
		expect(form.fields.map((each) => each.id)).toEqual([
			'prompt',
			'aspect_ratio',
			'negative_prompt',
			'steps',
			'guidance_scale',
			'seed',
			'enhance_prompt',
			'reference_images',
			'style_preset',
		]);
	});
});

describe('one catalogue read serves the list and the form for 10 minutes', () => {
	test('searching, picking and reloading the form read it once', async () => {
		await modelListResults(api.credentials());
		await modelListResults(api.credentials(), 'flux');
		await fieldsOf(modelIn('list', 'flux-dev'));
		await fieldsOf(modelIn('list', ALL_PARAMETER_KINDS_SLUG));
		await fieldsOf(modelIn('url', 'https://segmind.com/models/recraft-v3'));
		expect(catalogueReads()).toHaveLength(1);
	});

	test('forms loaded at the same time share one read', async () => {
		await Promise.all([
			fieldsOf(modelIn('list', 'flux-dev')),
			fieldsOf(modelIn('list', 'flux-schnell')),
			modelListResults(api.credentials()),
		]);
		expect(catalogueReads()).toHaveLength(1);
	});

	test('a fallback is kept as long: the failing catalogue is not read again at each change', async () => {
		api.emulator.configure({ catalogFailure: 503 });
		await fieldsOf(modelIn('list', 'flux-dev'));
		api.emulator.configure({ catalogFailure: null });
		const form = await fieldsOf(modelIn('list', 'flux-dev'));
		expect(form.fields).toEqual([]);
		expect(catalogueReads()).toHaveLength(1);
	});

	test('it is read again once 10 minutes have passed', async () => {
		const start = Date.now();
		const now = jest.spyOn(Date, 'now').mockReturnValue(start);
		await fieldsOf(modelIn('list', 'flux-dev'));
		now.mockReturnValue(start + CATALOG_TTL_MS - 1);
		await fieldsOf(modelIn('list', 'flux-dev'));
		expect(catalogueReads()).toHaveLength(1);
		now.mockReturnValue(start + CATALOG_TTL_MS);
		await fieldsOf(modelIn('list', 'flux-dev'));
		expect(catalogueReads()).toHaveLength(2);
	});

	test('each credential (account) has its own read', async () => {
		await fieldsOf(modelIn('list', 'flux-dev'));
		await modelParameterFields(modelIn('list', 'flux-dev'), {
			apiKey: 'SG_emulator_demo_key',
			baseUrl: api.emulator.url,
		});
		expect(catalogueReads().map((entry) => entry.keyLabel)).toEqual(['secret', 'demo']);
	});
});
