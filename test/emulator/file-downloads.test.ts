// GET /files/<name>: output files served without a key, each download logged with whether a
// key came, and the download faults a run asks for in its prompt.
import { request } from 'node:http';
import {
	downloadElsewhere,
	fetchBytes,
	isPng,
	rssGrowth,
	runModel,
	runQueued,
} from './support/media';
import { waitFor } from './support/client';
import {
	DEMO_API_KEY,
	FOREIGN_FILE_ORIGIN,
	MEDIA_SLUGS,
	startEmulator,
	type Emulator,
} from '../../emulator/server';

jest.setTimeout(60_000);

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ faults: { rate: 0, kinds: [], slowMs: 400 } });
});
afterAll(async () => emulator.close());
beforeEach(() => emulator.reset());

/** The URL of an image run's output file (v2), made with this prompt. */
const fileFor = async (prompt: string, slug: string = MEDIA_SLUGS.png) =>
	(await runQueued(emulator, slug, { prompt })).json.output as string;

const fileEntries = () => emulator.log.filter((entry) => entry.kind === 'file');

interface Download {
	status?: number;
	headers?: Record<string, string | string[] | undefined>;
	bytes: number;
	head: Buffer;
	errorCode?: string;
	/** ms from the request to the headers, and to the end. */
	headersAfterMs?: number;
	endAfterMs?: number;
}

/** Downloads with node:http, counting bytes and keeping only the first 64 (never the whole body). */
function download(
	url: string,
	{ key, abortAfterBytes }: { key?: string; abortAfterBytes?: number } = {},
): Promise<Download> {
	return new Promise((resolve) => {
		const started = Date.now();
		const result: Download = { bytes: 0, head: Buffer.alloc(0) };
		const req = request(url, { headers: key ? { 'x-api-key': key } : {} }, (res) => {
			result.status = res.statusCode;
			result.headers = res.headers;
			result.headersAfterMs = Date.now() - started;
			res.on('data', (chunk: Buffer) => {
				if (result.head.length < 64)
					result.head = Buffer.concat([result.head, chunk.subarray(0, 64)]);
				result.bytes += chunk.length;
				if (abortAfterBytes !== undefined && result.bytes >= abortAfterBytes) {
					req.destroy();
					resolve(result);
				}
			});
			res.on('end', () => {
				result.endAfterMs = Date.now() - started;
				resolve(result);
			});
		});
		req.on('error', (error: NodeJS.ErrnoException) =>
			resolve({ ...result, errorCode: error.code }),
		);
		req.end();
	});
}

it('a file downloads without a key; the log says kind file, keyGiven false, and no credits move', async () => {
	const url = await fileFor('a cat');
	const before = emulator.log.length;
	const file = await fetchBytes(url);
	expect(file.status).toBe(200);
	expect(isPng(file.bytes)).toBe(true);
	expect(file.headers.get('content-length')).toBe(String(file.bytes.length));
	expect(file.headers.get('x-remaining-credits')).toBeNull();
	expect(emulator.log.slice(before)).toEqual([
		expect.objectContaining({
			kind: 'file',
			method: 'GET',
			path: new URL(url).pathname,
			keyGiven: false,
			keyLabel: 'missing',
			status: 200,
			outcome: 'answered',
		}),
	]);
});

it('a download that sends a key is logged keyGiven true with the key label, never the key', async () => {
	const url = await fileFor('a cat');
	expect((await fetchBytes(url, { headers: { 'x-api-key': DEMO_API_KEY } })).status).toBe(200);
	expect(fileEntries()).toEqual([expect.objectContaining({ keyGiven: true, keyLabel: 'demo' })]);
	expect(JSON.stringify(emulator.log)).not.toContain(DEMO_API_KEY);
	const admin = await fetchBytes(`${emulator.url}/__emulator/log`);
	expect(admin.json.find((entry: { kind: string }) => entry.kind === 'file')).toMatchObject({
		keyGiven: true,
	});
});

it('a download whose URL has a query string is logged with its query', async () => {
	const url = await fileFor('a cat');
	expect((await fetchBytes(`${url}?download=1`)).status).toBe(200);
	expect(fileEntries()).toEqual([
		expect.objectContaining({ path: new URL(url).pathname, query: '?download=1' }),
	]);
});

it('HEAD gives the headers only; POST is 405; an unknown file is 404', async () => {
	const url = await fileFor('a cat');
	const head = await fetchBytes(url, { method: 'HEAD' });
	expect(head.status).toBe(200);
	expect(head.headers.get('content-type')).toBe('image/png');
	expect(Number(head.headers.get('content-length'))).toBeGreaterThan(0);
	expect((await fetchBytes(url, { method: 'POST' })).status).toBe(405);
	const missing = await fetchBytes(`${emulator.url}/files/0123456789abcdef01234567.png`);
	expect(missing.status).toBe(404);
	expect(missing.json).toEqual({ error: 'File 0123456789abcdef01234567.png not found' });
});

it('download-500-once: the first GET answers 500, the next the file', async () => {
	const url = await fileFor('x #emulate:download-500-once');
	expect((await fetchBytes(url)).status).toBe(500);
	const second = await fetchBytes(url);
	expect(second.status).toBe(200);
	expect(isPng(second.bytes)).toBe(true);
	expect(fileEntries().map(({ status, fault }) => ({ status, fault }))).toEqual([
		{ status: 500, fault: 'download-500-once' },
		{ status: 200, fault: undefined },
	]);
});

it('download-reset: the first GET is reset without an answer, the next gets the file', async () => {
	const url = await fileFor('x #emulate:download-reset');
	const first = await download(url);
	expect(first.status).toBeUndefined();
	expect(first.errorCode).toBe('ECONNRESET');
	const second = await download(url);
	expect(second.status).toBe(200);
	expect(isPng(second.head)).toBe(true);
	expect(fileEntries().map(({ outcome }) => outcome)).toEqual(['reset', 'answered']);
});

it('download-slow: the body spread over about slowMs', async () => {
	const url = await fileFor('x #emulate:download-slow');
	const slow = await download(url);
	expect(slow.status).toBe(200);
	expect(slow.bytes).toBe(Number(slow.headers!['content-length']));
	expect(isPng(slow.head)).toBe(true);
	// Ten pieces 40 ms apart, the last 360 ms after the first: a busy machine only makes it later.
	expect(slow.endAfterMs!).toBeGreaterThanOrEqual(350);
	expect(slow.headersAfterMs!).toBeLessThan(slow.endAfterMs!);
	// The log notes the end once the last byte has left, a moment after the client saw it.
	await waitFor(() => fileEntries()[0]?.outcome !== 'pending');
	expect(fileEntries()[0]).toMatchObject({
		status: 200,
		fault: 'download-slow',
		outcome: 'answered',
	});
});

it('download-404: every GET answers 404', async () => {
	const url = await fileFor('x #emulate:download-404');
	for (let attempt = 0; attempt < 3; attempt++) expect((await fetchBytes(url)).status).toBe(404);
});

it('download-redirect: a 302 to another emulator path that serves the file', async () => {
	const url = await fileFor('x #emulate:download-redirect');
	const name = new URL(url).pathname.split('/').pop();
	const hop = await fetchBytes(url, { redirect: 'manual' });
	expect(hop.status).toBe(302);
	expect(hop.headers.get('location')).toBe(`${emulator.url}/files/moved/${name}`);
	const followed = await fetchBytes(url);
	expect(followed.status).toBe(200);
	expect(isPng(followed.bytes)).toBe(true);
	expect(fileEntries().map(({ path, status }) => ({ path, status }))).toEqual([
		{ path: `/files/${name}`, status: 302 },
		{ path: `/files/${name}`, status: 302 },
		{ path: `/files/moved/${name}`, status: 200 },
	]);
});

it('download-redirect-foreign: a 302 to a non-loopback https host', async () => {
	const url = await fileFor('x #emulate:download-redirect-foreign');
	const name = new URL(url).pathname.split('/').pop();
	const hop = await fetchBytes(url, { redirect: 'manual' });
	expect(hop.status).toBe(302);
	expect(FOREIGN_FILE_ORIGIN).toBe('https://evil.example');
	expect(hop.headers.get('location')).toBe(`https://evil.example/${name}`);
});

it('no-content-type: the file comes without Content-Type; content-disposition names a file', async () => {
	const bare = await download(await fileFor('x #emulate:no-content-type'));
	expect(bare.status).toBe(200);
	expect(bare.headers!['content-type']).toBeUndefined();
	expect(isPng(bare.head)).toBe(true);
	const named = await fetchBytes(await fileFor('x #emulate:content-disposition'));
	expect(named.headers.get('content-disposition')).toBe(
		'attachment; filename="flux-schnell-output.png"',
	);
	expect(named.headers.get('content-type')).toBe('image/png');
});

it('directives combine and apply to every file of the run, on v1 JSON answers too', async () => {
	const reply = await runModel(emulator, MEDIA_SLUGS.severalFiles, {
		prompt: 'x #emulate:download-500-once #emulate:content-disposition',
	});
	expect(reply.status).toBe(200);
	for (const [index, image] of reply.json.images.entries()) {
		expect((await fetchBytes(image.url)).status).toBe(500);
		const file = await fetchBytes(image.url);
		expect(file.status).toBe(200);
		expect(file.headers.get('content-disposition')).toBe(
			`attachment; filename="flux-dev-output-${index + 1}.png"`,
		);
	}
});

it('huge:200 streams a 200 MiB PNG-headed file with Content-Length; the emulator never holds it', async () => {
	const url = await fileFor('x #emulate:huge:200');
	// Another process downloads, so this process's memory is the emulator's alone.
	const { result: huge, grewBy } = await rssGrowth(() => downloadElsewhere(url));
	expect(huge.status).toBe(200);
	expect(huge.headers['content-length']).toBe(String(200 * 1024 * 1024));
	expect(huge.headers['content-type']).toBe('image/png');
	expect(huge.bytes).toBe(200 * 1024 * 1024);
	const head = Buffer.from(huge.head, 'hex');
	expect(isPng(head)).toBe(true);
	expect(head.subarray(12, 16).toString('latin1')).toBe('IHDR');
	expect(grewBy).toBeLessThan(50 * 1024 * 1024);
	await waitFor(() => fileEntries().pop()?.outcome === 'answered');
	expect(fileEntries().pop()).toMatchObject({ status: 200, fault: 'huge' });
});

it('huge-no-length:5 streams 5 MiB without Content-Length (chunked)', async () => {
	const url = await fileFor('x #emulate:huge-no-length:5');
	const huge = await download(url);
	expect(huge.status).toBe(200);
	expect(huge.headers!['content-length']).toBeUndefined();
	expect(huge.headers!['transfer-encoding']).toBe('chunked');
	expect(huge.bytes).toBe(5 * 1024 * 1024);
	expect(fileEntries().pop()).toMatchObject({ fault: 'huge-no-length' });
});

it('huge: the several-files listing gives the huge size; a client leaving midway is logged aborted-by-client', async () => {
	const reply = await runModel(emulator, MEDIA_SLUGS.severalFiles, {
		prompt: 'x #emulate:huge:64',
		num_images: 1,
	});
	expect(reply.json.images[0]).toMatchObject({
		content_type: 'image/png',
		file_size: 64 * 1024 * 1024,
	});
	const partial = await download(reply.json.images[0].url, { abortAfterBytes: 1024 * 1024 });
	expect(partial.bytes).toBeLessThan(64 * 1024 * 1024);
	await waitFor(() => fileEntries()[0]?.outcome === 'aborted-by-client');
});
