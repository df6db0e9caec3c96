// Run a Model's Model list ("From List"): the emulator's catalogue through n8n-core's
// LoadOptionsContext, as n8n's editor searches it.
import { CATALOG_ENTRIES, DEPRECATED_CATALOG_SLUG } from '../../emulator/catalog';
import { clearCatalogCache } from '../../nodes/shared/catalog';
import { useEmulator } from './support/emulatorFixture';
import { modelListResults } from './support/loadOptions';

const api = useEmulator();

beforeEach(() => clearCatalogCache());

const search = async (filter?: string) =>
	(await modelListResults(api.credentials(), filter)).results;

const slugsFor = async (filter?: string) => (await search(filter)).map((item) => item.value);

test('lists every model not deprecated, in catalogue order, as "title (slug)" with its type and page', async () => {
	const results = await search();
	expect(results.map((item) => item.value)).toEqual(
		CATALOG_ENTRIES.filter((entry) => !entry.is_depreciated).map((entry) => entry.slug),
	);
	expect(results.slice(0, 2)).toStrictEqual([
		{
			name: 'Flux.1 Schnell (flux-schnell)',
			value: 'flux-schnell',
			url: 'https://www.segmind.com/models/flux-schnell',
			description: 'Text to image',
		},
		{
			name: 'Flux.1 Dev (flux-dev)',
			value: 'flux-dev',
			url: 'https://www.segmind.com/models/flux-dev',
			description: 'Text to image',
		},
	]);
});

test('shows each catalogue type in words (imageTOImage spelt as Segmind does)', async () => {
	const types = Object.fromEntries((await search()).map((item) => [item.value, item.description]));
	expect(types).toMatchObject({
		'sdxl1.0-txt2img': 'Text to image',
		'sd1.5-img2img': 'Image to image',
		'seedream-4-edit': 'Image to image',
		'kling-2.1-text2video': 'Text to video',
		'kling-image2video': 'Image to video',
		'parler-tts': 'Text to audio',
		'prompt-enhancer': 'Text to text',
		'gpt-4o': 'Chat (LLM)',
	});
});

test('hides the deprecated model, even when searched by its exact slug or title', async () => {
	expect(await slugsFor()).not.toContain(DEPRECATED_CATALOG_SLUG);
	await expect(slugsFor(DEPRECATED_CATALOG_SLUG)).resolves.toEqual([]);
	await expect(slugsFor('Stable Diffusion 2.1')).resolves.toEqual([]);
});

describe('the search text', () => {
	test('matches the slug, in any case', async () => {
		await expect(slugsFor('TXT2IMG')).resolves.toEqual(['sd1.5-txt2img', 'sdxl1.0-txt2img']);
	});

	test('matches the title, in any case', async () => {
		await expect(slugsFor('stable diffusion')).resolves.toEqual([
			'sd1.5-txt2img',
			'sdxl1.0-txt2img',
			'sd1.5-img2img',
		]);
		await expect(slugsFor('GPT-4O')).resolves.toEqual(['gpt-4o']);
	});

	test('matches word by word, each word in the slug or the title', async () => {
		await expect(slugsFor('flux SCHNELL')).resolves.toEqual(['flux-schnell']);
		await expect(slugsFor('kling image2video')).resolves.toEqual(['kling-image2video']);
		await expect(slugsFor('  kling   video ')).resolves.toEqual([
			'kling-2.1-text2video',
			'kling-image2video',
		]);
	});

	test('that matches nothing gives an empty list; a blank one the whole list', async () => {
		await expect(slugsFor('no such model')).resolves.toEqual([]);
		await expect(slugsFor('   ')).resolves.toEqual(await slugsFor());
	});
});
