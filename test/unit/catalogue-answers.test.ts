import {
	findEntry,
	readCatalogAnswer,
	SHIPPED_CATALOG,
	type Catalog,
} from '../../nodes/shared/catalog';
import { modelListItems, typeLabel } from '../../nodes/shared/catalog/search';

const flux = {
	slug: 'flux-pro',
	title: 'Flux .1 Pro',
	type: 'textToImage',
	is_depreciated: false,
	parameters: {
		prompt: { isRequired: true, default: '', displayOrder: 1 },
		steps: { default: 25, min: 1, max: 50, displayOrder: 2 },
	},
};

describe('the list in an answer', () => {
	test('a top-level array', () => {
		expect(readCatalogAnswer([flux])).toEqual([
			{
				slug: 'flux-pro',
				title: 'Flux .1 Pro',
				type: 'textToImage',
				deprecated: false,
				parameters: flux.parameters,
			},
		]);
	});

	test('the first array among the values, whatever its key', () => {
		const answer = { count: 2, note: 'x', models: [flux], other: [{ slug: 'later' }] };
		expect(readCatalogAnswer(answer)?.map((entry) => entry.slug)).toEqual(['flux-pro']);
	});

	test('JSON text is read as JSON', () => {
		expect(readCatalogAnswer(JSON.stringify({ list: [flux] }))?.[0].slug).toBe('flux-pro');
	});

	test('entries without a slug are skipped; a repeated slug keeps its first entry', () => {
		const answer = [
			{ title: 'no slug' },
			{ slug: '  ' },
			'text',
			flux,
			{ ...flux, title: 'again' },
		];
		expect(readCatalogAnswer(answer)).toEqual([expect.objectContaining({ title: 'Flux .1 Pro' })]);
	});

	test('deprecated entries are kept, marked; a missing title is the slug; parameters only objects', () => {
		const [entry] =
			readCatalogAnswer([
				{ slug: 'old', is_depreciated: true, parameters: { a: { default: 1 }, b: 'junk' } },
			]) ?? [];
		expect(entry).toEqual({
			slug: 'old',
			title: 'old',
			type: '',
			deprecated: true,
			parameters: { a: { default: 1 } },
		});
	});

	test.each([
		['an object without arrays', { models: 'n/a' }],
		['an empty list', []],
		['a list without slugs', [{ title: 'x' }]],
		['text that is not JSON', '<html>'],
		['nothing', undefined],
	])('%s is an unknown shape', (_name, answer) => {
		expect(readCatalogAnswer(answer)).toBeUndefined();
	});
});

test('the list items: deprecated hidden, filtered on slug and title, a title that is the slug once', () => {
	const entries = readCatalogAnswer([
		flux,
		{ slug: 'old-model', title: 'Flux Old', type: 'textToImage', is_depreciated: true },
		{ slug: 'bare-slug' },
		{ slug: 'veo-3', title: 'Google Veo 3', type: 'textToVideo' },
	]) as Catalog['entries'];
	expect(modelListItems(entries)).toEqual([
		{
			name: 'Flux .1 Pro (flux-pro)',
			value: 'flux-pro',
			url: 'https://www.segmind.com/models/flux-pro',
			description: 'Text to image',
		},
		{ name: 'bare-slug', value: 'bare-slug', url: 'https://www.segmind.com/models/bare-slug' },
		{
			name: 'Google Veo 3 (veo-3)',
			value: 'veo-3',
			url: 'https://www.segmind.com/models/veo-3',
			description: 'Text to video',
		},
	]);
	expect(modelListItems(entries, 'GOOGLE').map((item) => item.value)).toEqual(['veo-3']);
	expect(modelListItems(entries, 'flux').map((item) => item.value)).toEqual(['flux-pro']);
	const catalog: Catalog = { entries, source: 'segmind' };
	expect(findEntry(catalog, 'old-model')?.deprecated).toBe(true);
	expect(findEntry(catalog, 'flux-pro')?.parameters).toEqual(flux.parameters);
});

test('types: known ones labelled (imageTOImage too)', () => {
	expect(typeLabel('imageTOImage')).toBe('Image to image');
	expect(typeLabel('llm')).toBe('Chat (LLM)');
});

test('the shipped catalogue: at least 20 distinct models across chat, image, video and audio', () => {
	const slugs = SHIPPED_CATALOG.map((entry) => entry.slug);
	expect(slugs.length).toBeGreaterThanOrEqual(20);
	expect(new Set(slugs).size).toBe(slugs.length);
	const types = new Set(SHIPPED_CATALOG.map((entry) => entry.type));
	for (const type of [
		'llm',
		'textToImage',
		'imageToImage',
		'textToVideo',
		'imageToVideo',
		'textToAudio',
	]) {
		expect(types).toContain(type);
	}
	expect(SHIPPED_CATALOG.every((entry) => entry.title !== '' && !entry.deprecated)).toBe(true);
});
