// GET /inference-model-information/list: the model catalogue a model list and its parameter
// fields are built from, in each shape a client must read, and the ways it can fail.
import { request } from 'node:http';

import { call, credits, remaining, waitFor, withEmulator } from './support/client';
import {
	ALL_PARAMETER_KINDS_SLUG,
	CATALOG_ENTRIES,
	CATALOG_LIST_KEY,
	DEMO_API_KEY,
	DEPRECATED_CATALOG_SLUG,
	MEDIA_SLUGS,
	startEmulator,
	type Emulator,
} from '../../emulator/server';

// A hung read waits for the client to give up, in real time.
jest.setTimeout(30_000);

const LIST = '/inference-model-information/list?segmind_model=True';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.close());
beforeEach(() => {
	emulator.configure({ catalogShape: 'wrapped', catalogFailure: null });
	emulator.reset();
});

const readCatalogue = (key: string | null = DEMO_API_KEY, path = LIST) =>
	call(emulator, path, { method: 'GET', key });

const admin = (options: unknown) =>
	call(emulator, '/__emulator/config', { body: options, key: null });

describe('the wrapped shape (the default)', () => {
	it('answers every entry under "Inference Segmind Model Information List With Details"', async () => {
		const reply = await readCatalogue();
		expect(reply.status).toBe(200);
		expect(reply.headers.get('content-type')).toBe('application/json');
		const body = JSON.parse(reply.text);
		expect(Object.keys(body)).toEqual([CATALOG_LIST_KEY]);
		expect(body[CATALOG_LIST_KEY]).toEqual(CATALOG_ENTRIES);
	});

	it('gives every entry slug, title, type, is_depreciated, thumbnail_image and parameters', async () => {
		const entries = JSON.parse((await readCatalogue()).text)[CATALOG_LIST_KEY];
		const parameterFields = [
			'isRequired',
			'default',
			'min',
			'max',
			'step',
			'options',
			'displayOrder',
			'component',
			'hidden',
		];
		for (const entry of entries) {
			expect(Object.keys(entry).sort()).toEqual(
				['is_depreciated', 'parameters', 'slug', 'thumbnail_image', 'title', 'type'].sort(),
			);
			expect(typeof entry.is_depreciated).toBe('boolean');
			for (const parameter of Object.values(entry.parameters) as object[]) {
				expect(Object.keys(parameter).every((field) => parameterFields.includes(field))).toBe(true);
			}
		}
	});

	it('lists the media slugs with their types (imageTOImage misspelt as Segmind does) and chat slugs as llm', async () => {
		const entries = JSON.parse((await readCatalogue()).text)[CATALOG_LIST_KEY] as Array<{
			slug: string;
			type: string;
		}>;
		const types = Object.fromEntries(entries.map((entry) => [entry.slug, entry.type]));
		expect(types).toMatchObject({
			'flux-schnell': 'textToImage',
			'flux-dev': 'textToImage',
			'sdxl1.0-txt2img': 'textToImage',
			'sd1.5-txt2img': 'textToImage',
			'recraft-v3': 'textToImage',
			'sd1.5-img2img': 'imageTOImage',
			'seedream-4-edit': 'imageToImage',
			'kling-2.1-text2video': 'textToVideo',
			'kling-image2video': 'imageToVideo',
			'parler-tts': 'textToAudio',
			'gpt-4o': 'llm',
			'claude-4-sonnet': 'llm',
		});
	});

	it('lists exactly the media models the emulator answers (MEDIA_SLUGS), beside its two catalogue-only entries', async () => {
		const entries = JSON.parse((await readCatalogue()).text)[CATALOG_LIST_KEY] as Array<{
			slug: string;
			type: string;
		}>;
		const catalogueOnly = [DEPRECATED_CATALOG_SLUG, ALL_PARAMETER_KINDS_SLUG];
		const media = entries
			.filter((entry) => entry.type !== 'llm' && !catalogueOnly.includes(entry.slug))
			.map((entry) => entry.slug);
		expect(media.sort()).toEqual(Object.values(MEDIA_SLUGS).sort());
	});

	it('gives every entry that is not a chat model the "prompt" the media models require', async () => {
		const entries = JSON.parse((await readCatalogue()).text)[CATALOG_LIST_KEY] as Array<{
			type: string;
			parameters: Record<string, unknown>;
		}>;
		const media = entries.filter((entry) => entry.type !== 'llm');
		expect(media.length).toBeGreaterThan(10);
		expect(media.filter((entry) => !('prompt' in entry.parameters))).toEqual([]);
	});

	it('keeps one deprecated entry, flagged is_depreciated: true', async () => {
		const entries = JSON.parse((await readCatalogue()).text)[CATALOG_LIST_KEY] as Array<{
			slug: string;
			is_depreciated: boolean;
		}>;
		expect(entries.filter((entry) => entry.is_depreciated).map((entry) => entry.slug)).toEqual([
			DEPRECATED_CATALOG_SLUG,
		]);
	});

	it('has one entry whose parameters cover every kind a client maps, out of displayOrder order', async () => {
		const entries = JSON.parse((await readCatalogue()).text)[CATALOG_LIST_KEY];
		const { parameters } = entries.find(
			(entry: { slug: string }) => entry.slug === ALL_PARAMETER_KINDS_SLUG,
		);
		const all = Object.values(parameters) as Array<Record<string, unknown>>;
		// a plain string and a required string
		expect(all.some((p) => typeof p.default === 'string' && !p.isRequired && !p.options)).toBe(
			true,
		);
		expect(all.some((p) => typeof p.default === 'string' && p.isRequired === true)).toBe(true);
		// a number with min, max and step; an integer-valued default without a range
		expect(all.some((p) => [p.min, p.max, p.step].every((n) => typeof n === 'number'))).toBe(true);
		expect(all.some((p) => Number.isInteger(p.default) && p.min === undefined && !p.hidden)).toBe(
			true,
		);
		expect(all.some((p) => typeof p.default === 'boolean')).toBe(true);
		expect(all.some((p) => Array.isArray(p.options) && p.options.length > 0)).toBe(true);
		expect(all.some((p) => p.hidden === true)).toBe(true);
		expect(parameters.reference_images.default).toEqual([]);
		expect(
			all.some(
				(p) => typeof p.default === 'object' && p.default !== null && !Array.isArray(p.default),
			),
		).toBe(true);
		const orders = all.map((p) => p.displayOrder as number);
		expect(orders).not.toEqual([...orders].sort((a, b) => a - b));
	});

	it('logs each read as kind "catalog" with its query, unbilled, so reads can be counted', async () => {
		for (let i = 0; i < 3; i++) expect((await readCatalogue()).status).toBe(200);
		const reads = emulator.log.filter((entry) => entry.kind === 'catalog');
		expect(reads).toHaveLength(3);
		expect(reads[0]).toMatchObject({
			method: 'GET',
			path: '/inference-model-information/list',
			query: '?segmind_model=True',
			keyLabel: 'demo',
			status: 200,
			outcome: 'answered',
		});
		expect(remaining(await credits(emulator))).toBe('1000.5');
		emulator.reset();
		expect(emulator.log.filter((entry) => entry.kind === 'catalog')).toHaveLength(0);
	});
});

describe('its key', () => {
	it('answers 401 without a key or with an unknown one', async () => {
		for (const key of [null, 'SG_unknown']) {
			const reply = await readCatalogue(key);
			expect(reply.status).toBe(401);
			expect(typeof JSON.parse(reply.text).error).toBe('string');
		}
		expect(emulator.log.map((entry) => entry.keyLabel)).toEqual(['missing', 'unknown']);
	});

	it('answers 405 to a method other than GET', async () => {
		expect((await call(emulator, LIST, { method: 'POST', body: {} })).status).toBe(405);
	});
});

describe('catalogShape', () => {
	it('"array" answers the entries as a top-level array', async () => {
		emulator.configure({ catalogShape: 'array' });
		const reply = await readCatalogue();
		expect(reply.status).toBe(200);
		expect(JSON.parse(reply.text)).toEqual(CATALOG_ENTRIES);
	});

	it('"unknown" answers a 200 with no list in it', async () => {
		emulator.configure({ catalogShape: 'unknown' });
		const reply = await readCatalogue();
		expect(reply.status).toBe(200);
		expect(JSON.parse(reply.text)).toEqual({ models: 'n/a' });
	});

	it('is set through POST /__emulator/config too, and checked', async () => {
		expect((await admin({ catalogShape: 'array' })).status).toBe(200);
		expect(Array.isArray(JSON.parse((await readCatalogue()).text))).toBe(true);
		const bad = await admin({ catalogShape: 'list' });
		expect(bad.status).toBe(400);
		expect(JSON.parse(bad.text).error).toMatch(/catalogShape/);
	});
});

describe('catalogFailure', () => {
	it.each([500, 503, 404])('answers %d with an {"error"} body, logged', async (status) => {
		emulator.configure({ catalogFailure: status });
		const reply = await readCatalogue();
		expect(reply.status).toBe(status);
		expect(typeof JSON.parse(reply.text).error).toBe('string');
		expect(emulator.log[0]).toMatchObject({ kind: 'catalog', status });
		emulator.configure({ catalogFailure: null });
		expect((await readCatalogue()).status).toBe(200);
	});

	it('still answers 401 first for a missing key', async () => {
		emulator.configure({ catalogFailure: 503 });
		expect((await readCatalogue(null)).status).toBe(401);
	});

	it('"reset" resets the socket and "hang" never answers', async () => {
		await withEmulator({ catalogFailure: 'reset' }, async (own) => {
			const reset = await rawGet(own, LIST);
			expect(reset.errorCode).toBe('ECONNRESET');
			own.configure({ catalogFailure: 'hang' });
			const hung = await rawGet(own, LIST, 300);
			expect(hung.errorCode).toBe('TIMEOUT');
			await waitFor(() => own.log[1]?.outcome === 'aborted-by-client');
			expect(own.log.map((entry) => entry.fault)).toEqual(['reset', 'hang']);
		});
	});

	it('is set through POST /__emulator/config, and checked', async () => {
		expect((await admin({ catalogFailure: 502 })).status).toBe(200);
		expect((await readCatalogue()).status).toBe(502);
		for (const failure of [200, 'teapot', 99.5]) {
			const bad = await admin({ catalogFailure: failure });
			expect(bad.status).toBe(400);
			expect(JSON.parse(bad.text).error).toMatch(/catalogFailure/);
		}
		expect((await admin({ catalogFailure: null })).status).toBe(200);
		expect((await readCatalogue()).status).toBe(200);
	});
});

/** A GET with node:http, reporting a socket error or a client-side timeout instead of throwing. */
function rawGet(
	target: Emulator,
	path: string,
	timeoutMs?: number,
): Promise<{ status?: number; errorCode?: string }> {
	return new Promise((resolve) => {
		const req = request(`${target.url}${path}`, {
			headers: { 'x-api-key': DEMO_API_KEY },
			timeout: timeoutMs,
		});
		req.on('response', (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode }));
		});
		req.on('timeout', () =>
			req.destroy(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })),
		);
		req.on('error', (error: NodeJS.ErrnoException) => resolve({ errorCode: error.code }));
		req.end();
	});
}
