import type { INodeListSearchResult } from 'n8n-workflow';

import {
	CATALOG_ENTRIES,
	DEPRECATED_CATALOG_SLUG,
	type CatalogFailure,
	type CatalogShape,
} from '../../emulator/server';
import { CATALOG_TTL_MS, clearCatalogCache, SHIPPED_CATALOG } from '../../nodes/shared/catalog';
import { SECRET_API_KEY, useEmulator } from './support/emulatorFixture';
import { searchModelList } from './support/listSearch';

const api = useEmulator();

beforeEach(() => clearCatalogCache());
afterEach(() => jest.restoreAllMocks());

const catalogReads = () => api.emulator.log.filter((entry) => entry.kind === 'catalog');

const slugsOf = (result: INodeListSearchResult) => result.results.map((item) => item.value);

const LISTED_SLUGS = CATALOG_ENTRIES.filter((entry) => !entry.is_depreciated).map(
	(entry) => entry.slug,
);

const SHIPPED_SLUGS = SHIPPED_CATALOG.map((entry) => entry.slug);

describe("the emulator's catalogue", () => {
	test('every entry but the deprecated one, in order, as "title (slug)" with its type and page', async () => {
		const result = await searchModelList(api.credentials());
		expect(slugsOf(result)).toEqual(LISTED_SLUGS);
		expect(slugsOf(result)).not.toContain(DEPRECATED_CATALOG_SLUG);
		expect(result.results[0]).toEqual({
			name: 'Flux.1 Schnell (flux-schnell)',
			value: 'flux-schnell',
			url: 'https://www.segmind.com/models/flux-schnell',
			description: 'Text to image',
		});
		const byValue = new Map(result.results.map((item) => [item.value, item]));
		expect(byValue.get('sd1.5-img2img')?.description).toBe('Image to image'); // imageTOImage (sic)
		expect(byValue.get('kling-image2video')?.description).toBe('Image to video');
		expect(byValue.get('parler-tts')?.description).toBe('Text to audio');
		expect(byValue.get('gpt-4o')?.description).toBe('Chat (LLM)');
		const [read] = catalogReads();
		expect(read).toMatchObject({
			method: 'GET',
			path: '/inference-model-information/list',
			query: '?segmind_model=True',
			keyLabel: 'secret',
			status: 200,
		});
	});

	test('a top-level array is read the same way', async () => {
		api.emulator.configure({ catalogShape: 'array' });
		expect(slugsOf(await searchModelList(api.credentials()))).toEqual(LISTED_SLUGS);
	});

	test.each([
		['flux', ['flux-schnell', 'flux-dev']],
		['FLUX', ['flux-schnell', 'flux-dev']],
		['stable diffusion', ['sd1.5-txt2img', 'sdxl1.0-txt2img', 'sd1.5-img2img']],
		['tts', ['parler-tts']],
		['  Prompt ', ['prompt-enhancer', 'magic-prompt']],
		['no such model', []],
	])('the search text %j matches slugs and titles in any case', async (filter, slugs) => {
		expect(slugsOf(await searchModelList(api.credentials(), filter))).toEqual(slugs);
	});
});

describe('when the catalogue cannot be read, the shipped list stands in', () => {
	const failures: Array<
		[string, { catalogFailure?: CatalogFailure; catalogShape?: CatalogShape }]
	> = [
		['a 500', { catalogFailure: 500 }],
		['a 404', { catalogFailure: 404 }],
		['a reset connection', { catalogFailure: 'reset' }],
		['an answer with no list in it', { catalogShape: 'unknown' }],
	];

	test.each(failures)('%s', async (_name, options) => {
		api.emulator.configure(options);
		const result = await searchModelList(api.credentials());
		expect(slugsOf(result)).toEqual(SHIPPED_SLUGS);
		expect(catalogReads()).toHaveLength(1);
	});

	test('a key the API refuses (401)', async () => {
		const result = await searchModelList(api.credentials('SG_not_a_known_key'));
		expect(slugsOf(result)).toEqual(SHIPPED_SLUGS);
		expect(catalogReads()).toEqual([expect.objectContaining({ status: 401 })]);
	});

	test('a refused base URL: nothing is sent', async () => {
		const result = await searchModelList({ apiKey: SECRET_API_KEY, baseUrl: 'http://example.com' });
		expect(slugsOf(result)).toEqual(SHIPPED_SLUGS);
		expect(api.emulator.log).toEqual([]);
	});

	test('the shipped list is searched as the catalogue is', async () => {
		api.emulator.configure({ catalogFailure: 503 });
		const result = await searchModelList(api.credentials(), 'veo');
		expect(slugsOf(result)).toEqual(['veo-3', 'veo-3-fast', 'veo-3.1']);
		expect(result.results[0]).toEqual({
			name: 'Google Veo 3 (veo-3)',
			value: 'veo-3',
			url: 'https://www.segmind.com/models/veo-3',
			description: 'Text to video',
		});
	});

	test('it has at least 20 models across chat, image, video and audio', () => {
		expect(SHIPPED_CATALOG.length).toBeGreaterThanOrEqual(20);
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
		expect(new Set(SHIPPED_SLUGS).size).toBe(SHIPPED_SLUGS.length);
	});
});

describe('the catalogue is read at most once per 10 minutes per account', () => {
	test('two searches, and two at once, make one read', async () => {
		await searchModelList(api.credentials(), 'flux');
		await searchModelList(api.credentials(), 'kling');
		await Promise.all([searchModelList(api.credentials()), searchModelList(api.credentials())]);
		expect(catalogReads()).toHaveLength(1);
	});

	test('a fallback is kept as long: the failed catalogue is not read again at once', async () => {
		api.emulator.configure({ catalogFailure: 500 });
		await searchModelList(api.credentials());
		api.emulator.configure({ catalogFailure: null });
		expect(slugsOf(await searchModelList(api.credentials()))).toEqual(SHIPPED_SLUGS);
		expect(catalogReads()).toHaveLength(1);
	});

	test('another credential, or another key, reads its own', async () => {
		await searchModelList(api.credentials(), undefined, 'credential-1');
		await searchModelList(api.credentials(), undefined, 'credential-2');
		await searchModelList(api.credentials('SG_emulator_demo_key'), undefined, 'credential-1');
		expect(catalogReads().map((entry) => entry.keyLabel)).toEqual(['secret', 'secret', 'demo']);
	});

	test('after 10 minutes it is read again', async () => {
		const start = Date.now();
		const now = jest.spyOn(Date, 'now').mockReturnValue(start);
		await searchModelList(api.credentials());
		now.mockReturnValue(start + CATALOG_TTL_MS - 1);
		await searchModelList(api.credentials());
		expect(catalogReads()).toHaveLength(1);
		now.mockReturnValue(start + CATALOG_TTL_MS);
		await searchModelList(api.credentials());
		expect(catalogReads()).toHaveLength(2);
	});
});

test('the API key is in no list result', async () => {
	const results = [
		await searchModelList(api.credentials()),
		await searchModelList(api.credentials('SG_not_a_known_key'), 'flux', 'credential-9'),
	];
	expect(JSON.stringify(results)).not.toContain(SECRET_API_KEY);
});
