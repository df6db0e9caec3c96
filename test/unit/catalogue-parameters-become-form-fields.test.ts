import {
	fieldTypeOf,
	modelFields,
	readCatalogAnswer,
	typeLabel,
	type CatalogEntry,
	type CatalogParameter,
} from '../../nodes/shared/catalog';

const entryWith = (parameters: Record<string, CatalogParameter>): CatalogEntry => ({
	slug: 'some-model',
	title: 'Some model',
	type: 'textToImage',
	deprecated: false,
	parameters,
});

const summary = (parameters: Record<string, CatalogParameter>) =>
	modelFields(entryWith(parameters)).map(({ id, type, required, options, defaultValue }) => ({
		id,
		type,
		required,
		...(options && { options }),
		...(defaultValue !== undefined && { defaultValue }),
	}));

describe('the field type of a parameter', () => {
	test.each([
		['a non-empty options list', { options: ['a', 'b'], default: 5 }, 'options'],
		[
			'options winning over a boolean default',
			{ options: [true, false], default: true },
			'options',
		],
		['an empty options list: by its default', { options: [], default: 3 }, 'number'],
		[
			'options that are not values: by its default',
			{ options: [null, [1]], default: true },
			'boolean',
		],
		['a boolean default', { default: false }, 'boolean'],
		['a numeric default', { default: 0 }, 'number'],
		['a min alone', { min: 1, default: '' }, 'number'],
		['a max alone', { max: 10 }, 'number'],
		['a number-like text default without min/max', { default: '42' }, 'string'],
		['an array default', { default: [] }, 'array'],
		['an array default beside a min (min/max come first)', { default: [], min: 1 }, 'number'],
		['an object default', { default: { a: 1 } }, 'object'],
		['a null default', { default: null }, 'string'],
		['no default', {}, 'string'],
	] as Array<[string, CatalogParameter, string]>)('%s', (_, parameter, type) => {
		expect(fieldTypeOf(parameter)).toBe(type);
	});
});

test('options given as objects are listed by label or name, repeated values once', () => {
	expect(
		summary({
			size: {
				options: [
					{ label: 'Square', value: '1:1' },
					{ name: 'Wide', value: '16:9' },
					{ value: 768 },
					{ label: 'Square again', value: '1:1' },
					{ label: 'no value' },
				],
			},
		}),
	).toEqual([
		{
			id: 'size',
			type: 'options',
			required: false,
			options: [
				{ name: 'Square', value: '1:1' },
				{ name: 'Wide', value: '16:9' },
				{ name: '768', value: 768 },
			],
		},
	]);
});

test('defaults become starting values the field can hold; empty ones start the field empty', () => {
	expect(
		summary({
			a: { default: '', displayOrder: 1 },
			b: { default: 'photo', displayOrder: 2 },
			c: { default: '7', min: 1, displayOrder: 3 },
			d: { default: 'seven', max: 9, displayOrder: 4 },
			e: { default: [], displayOrder: 5 },
			f: { default: ['x'], displayOrder: 6 },
			g: { default: {}, displayOrder: 7 },
			h: { default: true, displayOrder: 8 },
			i: { default: 2, options: [1, 2], displayOrder: 9 },
		}),
	).toEqual([
		{ id: 'a', type: 'string', required: false },
		{ id: 'b', type: 'string', required: false, defaultValue: 'photo' },
		{ id: 'c', type: 'number', required: false, defaultValue: 7 },
		{ id: 'd', type: 'number', required: false },
		{ id: 'e', type: 'array', required: false },
		{ id: 'f', type: 'array', required: false, defaultValue: '["x"]' },
		{ id: 'g', type: 'object', required: false },
		{ id: 'h', type: 'boolean', required: false, defaultValue: true },
		{
			id: 'i',
			type: 'options',
			required: false,
			options: [
				{ name: '1', value: 1 },
				{ name: '2', value: 2 },
			],
			defaultValue: 2,
		},
	]);
});

test('ordered by displayOrder, those without one last in catalogue order; required only when isRequired is true', () => {
	const fields = summary({
		late: {},
		third: { displayOrder: 3, isRequired: true },
		first: { displayOrder: -1 },
		alsoLate: { isRequired: 'yes' as unknown as boolean },
		second: { displayOrder: 2.5, hidden: false },
		gone: { displayOrder: 0, hidden: true },
	});
	expect(fields.map((field) => [field.id, field.required])).toEqual([
		['first', false],
		['second', false],
		['third', true],
		['late', false],
		['alsoLate', false],
	]);
});

test('an entry without parameters, or with only hidden ones, has no fields', () => {
	expect(modelFields({ ...entryWith({}), parameters: undefined })).toEqual([]);
	expect(modelFields(entryWith({ x: { hidden: true } }))).toEqual([]);
});

test('the catalogue reader keeps the parameters that are objects, and none when parameters is not one', () => {
	const [kept, none] = readCatalogAnswer([
		{ slug: 'a', parameters: { prompt: { isRequired: true }, junk: 'text', nothing: null } },
		{ slug: 'b', parameters: ['prompt'] },
	]) as CatalogEntry[];
	expect(kept.parameters).toEqual({ prompt: { isRequired: true } });
	expect(none.parameters).toBeUndefined();
	expect(modelFields(none)).toEqual([]);
});

test.each([
	['textToImage', 'Text to image'],
	['imageTOImage', 'Image to image'],
	['llm', 'Chat (LLM)'],
	['textTo3D', 'Text to 3D'],
	['speechToText', 'Speech to text'],
	['imageToSVG', 'Image to SVG'],
	['text-to-image', 'text-to-image'],
])('the list shows type %s as "%s"', (type, label) => {
	expect(typeLabel(type)).toBe(label);
});
