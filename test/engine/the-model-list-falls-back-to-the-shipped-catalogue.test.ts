// Run a Model's Model list beyond the catalogue's contents: the request it makes, the shipped
// list when the catalogue cannot be used, and whose read serves whom.
import type { INodeListSearchResult } from 'n8n-workflow';

import { CATALOG_ENTRIES } from '../../emulator/catalog';
import { clearCatalogCache, SHIPPED_CATALOG } from '../../nodes/shared/catalog';
import { SECRET_API_KEY, useEmulator } from './support/emulatorFixture';
import { modelListResults } from './support/loadOptions';

const api = useEmulator();

beforeEach(() => clearCatalogCache());

const catalogReads = () => api.emulator.log.filter((entry) => entry.kind === 'catalog');

const slugsOf = (result: INodeListSearchResult) => result.results.map((item) => item.value);

const SHIPPED_SLUGS = SHIPPED_CATALOG.map((entry) => entry.slug);

test('the catalogue is read with the key from {baseUrl}/inference-model-information/list?segmind_model=True', async () => {
	await modelListResults(api.credentials());
	expect(catalogReads()).toEqual([
		expect.objectContaining({
			method: 'GET',
			path: '/inference-model-information/list',
			query: '?segmind_model=True',
			keyLabel: 'secret',
			status: 200,
		}),
	]);
});

test('a top-level array lists the same models', async () => {
	api.emulator.configure({ catalogShape: 'array' });
	expect(slugsOf(await modelListResults(api.credentials()))).toEqual(
		CATALOG_ENTRIES.filter((entry) => !entry.is_depreciated).map((entry) => entry.slug),
	);
});

describe('the shipped list stands in', () => {
	test('for a 404', async () => {
		api.emulator.configure({ catalogFailure: 404 });
		expect(slugsOf(await modelListResults(api.credentials()))).toEqual(SHIPPED_SLUGS);
		expect(catalogReads()).toHaveLength(1);
	});

	test('for a refused base URL, with nothing sent', async () => {
		const result = await modelListResults({
			apiKey: SECRET_API_KEY,
			baseUrl: 'http://example.com',
		});
		expect(slugsOf(result)).toEqual(SHIPPED_SLUGS);
		expect(api.emulator.log).toEqual([]);
	});

	test('and is searched as the catalogue is', async () => {
		api.emulator.configure({ catalogFailure: 503 });
		const result = await modelListResults(api.credentials(), 'VEO');
		expect(slugsOf(result)).toEqual(['veo-3', 'veo-3-fast', 'veo-3.1']);
		expect(result.results[0]).toEqual({
			name: 'Google Veo 3 (veo-3)',
			value: 'veo-3',
			url: 'https://www.segmind.com/models/veo-3',
			description: 'Text to video',
		});
	});
});

test('another credential with the same key reads its own catalogue', async () => {
	await modelListResults(api.credentials(), undefined, 'credential-1');
	await modelListResults(api.credentials(), 'flux', 'credential-1');
	await modelListResults(api.credentials(), undefined, 'credential-2');
	expect(catalogReads()).toHaveLength(2);
});

test('the API key is in no list result', async () => {
	const results = [
		await modelListResults(api.credentials()),
		await modelListResults(api.credentials('SG_not_a_known_key'), 'flux', 'credential-9'),
	];
	expect(JSON.stringify(results)).not.toContain(SECRET_API_KEY);
});
