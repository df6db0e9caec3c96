// POST /upload-asset (Segmind's storage upload) and GET /uploads/<id>.<ext>: files sent as data
// URIs come back byte for byte, without a key, in each answer shape and under each fault.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

import {
	call,
	credits,
	remaining,
	waitFor,
	withEmulator,
	type CallOptions,
} from './support/client';
import {
	DEMO_API_KEY,
	NO_CREDITS_API_KEY,
	startEmulator,
	type Emulator,
} from '../../emulator/server';

// A hung upload waits for the client to give up, in real time.
jest.setTimeout(30_000);

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.close());
beforeEach(() => {
	emulator.configure({
		uploadShape: 'urls',
		uploadFaults: [],
		uploadLimitBytes: 512 * 1024 * 1024,
	});
	emulator.reset();
});

const dataUri = (mimeType: string, bytes: Buffer) =>
	`data:${mimeType};base64,${bytes.toString('base64')}`;

const HELLO = dataUri('text/plain', Buffer.from('hello'));

const upload = (dataUrls: unknown, options: CallOptions = {}) =>
	call(emulator, '/upload-asset', { body: { data_urls: dataUrls }, ...options });

const urlsOf = (text: string): string[] => JSON.parse(text).urls;

async function download(url: string, headers: Record<string, string> = {}) {
	const response = await fetch(url, { headers });
	return {
		status: response.status,
		headers: response.headers,
		bytes: Buffer.from(await response.arrayBuffer()),
	};
}

const admin = (options: unknown) =>
	call(emulator, '/__emulator/config', { body: options, key: null });

describe('an upload', () => {
	it('answers {"urls": [...]} by default, one URL per file, in order, on the emulator', async () => {
		const reply = await upload([HELLO, dataUri('image/png', Buffer.from('89504e47', 'hex'))]);
		expect(reply.status).toBe(200);
		expect(reply.headers.get('content-type')).toBe('application/json');
		const body = JSON.parse(reply.text);
		expect(Object.keys(body)).toEqual(['urls']);
		expect(body.urls).toEqual([
			expect.stringMatching(new RegExp(`^${emulator.url}/uploads/[0-9a-f-]{36}\\.txt$`)),
			expect.stringMatching(new RegExp(`^${emulator.url}/uploads/[0-9a-f-]{36}\\.png$`)),
		]);
	});

	it('serves each file back byte for byte with its MIME type, without a key', async () => {
		const cat = (await download(`${emulator.url}/samples/cat.png`)).bytes;
		const noise = randomBytes(300_000);
		const song = randomBytes(1234);
		const reply = await upload([
			dataUri('image/png', cat),
			dataUri('application/octet-stream', noise),
			dataUri('audio/mpeg', song),
		]);
		const urls = urlsOf(reply.text);
		expect(urls.map((url) => url.split('.').pop())).toEqual(['png', 'bin', 'mp3']);
		const files = await Promise.all(urls.map((url) => download(url)));
		expect(files.map((file) => file.status)).toEqual([200, 200, 200]);
		expect(files.map((file) => file.headers.get('content-type'))).toEqual([
			'image/png',
			'application/octet-stream',
			'audio/mpeg',
		]);
		expect(files[0].bytes.equals(cat)).toBe(true);
		expect(files[1].bytes.equals(noise)).toBe(true);
		expect(files[2].bytes.equals(song)).toBe(true);
		expect(files.map((file) => file.headers.get('content-length'))).toEqual([
			String(cat.length),
			'300000',
			'1234',
		]);
		expect(files.every((file) => file.headers.get('x-remaining-credits') === null)).toBe(true);
	});

	it('logs a download as kind "file" with keyGiven false (true when one came), never the key', async () => {
		const [url] = urlsOf((await upload([HELLO])).text);
		await download(url);
		await download(url, { 'x-api-key': DEMO_API_KEY });
		const path = new URL(url).pathname;
		expect(emulator.log.slice(1)).toEqual([
			expect.objectContaining({
				kind: 'file',
				path,
				keyGiven: false,
				keyLabel: 'missing',
				status: 200,
			}),
			expect.objectContaining({
				kind: 'file',
				path,
				keyGiven: true,
				keyLabel: 'demo',
				status: 200,
			}),
		]);
		expect(JSON.stringify(emulator.log)).not.toContain(DEMO_API_KEY);
	});

	it('logs the upload as kind "upload", each data URI cut to its header and size', async () => {
		await upload([HELLO, dataUri('image/png', randomBytes(100))]);
		expect(emulator.log[0]).toMatchObject({
			kind: 'upload',
			path: '/upload-asset',
			keyLabel: 'demo',
			status: 200,
			body: {
				data_urls: ['data:text/plain;base64,[5 bytes]', 'data:image/png;base64,[100 bytes]'],
			},
		});
	});

	it('is not billed', async () => {
		for (let i = 0; i < 3; i++) expect((await upload([HELLO])).status).toBe(200);
		expect(remaining(await credits(emulator))).toBe('1000.5');
	});

	it('answers URLs on the host the client called', async () => {
		const reply = await rawUpload(
			emulator,
			{ data_urls: [HELLO] },
			{ host: 'storage.example.test:8080' },
		);
		expect(reply.status).toBe(200);
		expect(urlsOf(reply.body!)[0]).toMatch(
			/^http:\/\/storage\.example\.test:8080\/uploads\/.+\.txt$/,
		);
	});

	it('takes a data URI with parameters before ;base64, and keeps the bare MIME type', async () => {
		const [url] = urlsOf((await upload(['data:text/plain;charset=utf-8;base64,aGk='])).text);
		const file = await download(url);
		expect(file.headers.get('content-type')).toBe('text/plain');
		expect(file.bytes.toString()).toBe('hi');
	});

	it('answers 404 for a file never uploaded, and a reset forgets every file', async () => {
		const [url] = urlsOf((await upload([HELLO])).text);
		expect((await download(`${emulator.url}/uploads/nothing.png`)).status).toBe(404);
		emulator.reset();
		expect((await download(url)).status).toBe(404);
	});
});

describe('uploadShape', () => {
	it('"file_urls" answers {"file_urls": [...], "message"} (the SDK\'s shape)', async () => {
		emulator.configure({ uploadShape: 'file_urls' });
		const reply = await upload([HELLO]);
		expect(reply.status).toBe(200);
		const body = JSON.parse(reply.text);
		expect(Object.keys(body).sort()).toEqual(['file_urls', 'message']);
		expect(typeof body.message).toBe('string');
		expect((await download(body.file_urls[0])).bytes.toString()).toBe('hello');
	});

	it('"none" answers a 200 with no URL key at all', async () => {
		emulator.configure({ uploadShape: 'none' });
		const reply = await upload([HELLO]);
		expect(reply.status).toBe(200);
		const body = JSON.parse(reply.text);
		expect(body).not.toHaveProperty('urls');
		expect(body).not.toHaveProperty('file_urls');
		expect(body).not.toHaveProperty('url');
	});

	it('is set through POST /__emulator/config too, and checked', async () => {
		expect((await admin({ uploadShape: 'file_urls' })).status).toBe(200);
		expect(JSON.parse((await upload([HELLO])).text)).toHaveProperty('file_urls');
		const bad = await admin({ uploadShape: 'url' });
		expect(bad.status).toBe(400);
		expect(JSON.parse(bad.text).error).toMatch(/uploadShape/);
	});
});

describe('errors', () => {
	it('answers 401 for a missing or unknown key', async () => {
		for (const key of [null, 'SG_unknown']) {
			const reply = await upload([HELLO], { key });
			expect(reply.status).toBe(401);
			expect(typeof JSON.parse(reply.text).error).toBe('string');
		}
	});

	it('answers 406 "Not enough credits" for an account without credits', async () => {
		const reply = await upload([HELLO], { key: NO_CREDITS_API_KEY });
		expect(reply.status).toBe(406);
		expect(JSON.parse(reply.text)).toEqual({ error: 'Not enough credits' });
	});

	it('answers 406 for a Content-Type other than application/json, or a body that is not JSON', async () => {
		const text = await call(emulator, '/upload-asset', {
			body: JSON.stringify({ data_urls: [HELLO] }),
			contentType: 'text/plain',
		});
		expect(text.status).toBe(406);
		expect((await call(emulator, '/upload-asset', { body: '{"data_urls": [' })).status).toBe(406);
	});

	it.each([
		['a body without data_urls', { urls: [HELLO] }],
		['data_urls that is not an array', { data_urls: HELLO }],
		['an empty data_urls', { data_urls: [] }],
		['an http URL', { data_urls: ['https://example.com/cat.png'] }],
		['bare base64', { data_urls: ['aGVsbG8='] }],
		['a data URI that is not base64', { data_urls: ['data:text/plain,hello'] }],
		['a data URI without a MIME type', { data_urls: ['data:;base64,aGVsbG8='] }],
		['an entry that is not a string', { data_urls: [HELLO, 42] }],
		[
			'base64 with a character outside the alphabet',
			{ data_urls: ['data:text/plain;base64,aGV$bG8='] },
		],
		['base64 of the wrong length', { data_urls: ['data:text/plain;base64,aGVsbG8'] }],
		['padding in the middle', { data_urls: ['data:text/plain;base64,aG=sbG8='] }],
	])('answers 400 with an {"error"} for %s, storing nothing', async (_, body) => {
		const reply = await call(emulator, '/upload-asset', { body });
		expect(reply.status).toBe(400);
		expect(typeof JSON.parse(reply.text).error).toBe('string');
	});

	it('names the bad entry', async () => {
		const reply = await upload([HELLO, 'data:image/png;base64,***']);
		expect(JSON.parse(reply.text).error).toMatch(/data_urls\[1\]/);
	});

	it('answers 405 to a method other than POST', async () => {
		expect((await call(emulator, '/upload-asset', { method: 'GET' })).status).toBe(405);
	});

	it('answers 413 once the files stored would pass uploadLimitBytes', async () => {
		emulator.configure({ uploadLimitBytes: 8 });
		expect((await upload([HELLO])).status).toBe(200);
		const full = await upload([HELLO]);
		expect(full.status).toBe(413);
		expect(typeof JSON.parse(full.text).error).toBe('string');
		expect((await upload([dataUri('text/plain', Buffer.from('abc'))])).status).toBe(200);
		emulator.reset();
		expect((await upload([HELLO])).status).toBe(200);
	});
});

describe('uploadFaults: one per upload that would otherwise succeed', () => {
	it('"500" then a normal answer: a retry succeeds', async () => {
		emulator.configure({ uploadFaults: ['500'] });
		const failed = await upload([HELLO]);
		expect(failed.status).toBe(500);
		expect(typeof JSON.parse(failed.text).error).toBe('string');
		expect((await upload([HELLO])).status).toBe(200);
		expect(emulator.log.map((entry) => [entry.status, entry.fault])).toEqual([
			[500, '500'],
			[200, undefined],
		]);
	});

	it.each([
		['502', 502, /^text\/html/],
		['503', 503, /^application\/json/],
		['406', 406, /^application\/json/],
		['429', 429, /^application\/json/],
	])('"%s" answers %d', async (fault, status, contentType) => {
		emulator.configure({ uploadFaults: [fault as '500'] });
		const reply = await upload([HELLO]);
		expect(reply.status).toBe(status);
		expect(reply.headers.get('content-type')).toMatch(contentType);
		if (fault === '406') expect(JSON.parse(reply.text)).toEqual({ error: 'Not enough credits' });
		if (fault === '429') expect(reply.headers.get('x-rate-limit-reset-at-utc')).not.toBeNull();
	});

	it('are used in order, "ok" answering normally, and a faulted upload stores nothing', async () => {
		emulator.configure({ uploadFaults: ['ok', '503', 'ok', '500'], uploadLimitBytes: 15 });
		const statuses = [];
		for (let i = 0; i < 5; i++) statuses.push((await upload([HELLO])).status);
		// 5 bytes each: three stored fill 15 bytes.
		expect(statuses).toEqual([200, 503, 200, 500, 200]);
		expect((await upload([HELLO])).status).toBe(413);
	});

	it('are not used by an upload that fails on its own', async () => {
		emulator.configure({ uploadFaults: ['500'] });
		expect((await upload([HELLO], { key: null })).status).toBe(401);
		expect((await upload(['not a data URI'])).status).toBe(400);
		expect((await upload([HELLO], { key: NO_CREDITS_API_KEY })).status).toBe(406);
		expect((await upload([HELLO])).status).toBe(500);
	});

	it('"reset" resets the socket; "hang" never answers, so the client times out', async () => {
		await withEmulator({ uploadFaults: ['reset', 'hang'] }, async (own) => {
			expect((await rawUpload(own, { data_urls: [HELLO] })).errorCode).toBe('ECONNRESET');
			expect((await rawUpload(own, { data_urls: [HELLO] }, {}, 300)).errorCode).toBe('TIMEOUT');
			await waitFor(() => own.log[1]?.outcome === 'aborted-by-client');
			expect(own.log.map((entry) => [entry.outcome, entry.fault])).toEqual([
				['reset', 'reset'],
				['aborted-by-client', 'hang'],
			]);
			expect((await rawUpload(own, { data_urls: [HELLO] })).status).toBe(200);
		});
	});

	it('start again from the configured list after a reset', async () => {
		emulator.configure({ uploadFaults: ['500'] });
		expect((await upload([HELLO])).status).toBe(500);
		expect((await upload([HELLO])).status).toBe(200);
		emulator.reset();
		expect((await upload([HELLO])).status).toBe(500);
	});

	it('are set through POST /__emulator/config too, and checked', async () => {
		expect((await admin({ uploadFaults: ['503'] })).status).toBe(200);
		expect((await upload([HELLO])).status).toBe(503);
		for (const faults of [['timeout'], '500', [500]]) {
			const bad = await admin({ uploadFaults: faults });
			expect(bad.status).toBe(400);
			expect(JSON.parse(bad.text).error).toMatch(/uploadFaults/);
		}
		const limit = await admin({ uploadLimitBytes: -1 });
		expect(limit.status).toBe(400);
		expect(JSON.parse(limit.text).error).toMatch(/uploadLimitBytes/);
	});
});

/** An upload with node:http (a chosen Host header; socket errors and timeouts reported, not thrown). */
function rawUpload(
	target: Emulator,
	body: unknown,
	headers: Record<string, string> = {},
	timeoutMs?: number,
): Promise<{ status?: number; body?: string; errorCode?: string }> {
	return new Promise((resolve) => {
		const req = request(`${target.url}/upload-asset`, {
			method: 'POST',
			headers: { 'x-api-key': DEMO_API_KEY, 'content-type': 'application/json', ...headers },
			timeout: timeoutMs,
		});
		req.on('response', (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode, body: text }));
		});
		req.on('timeout', () =>
			req.destroy(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })),
		);
		req.on('error', (error: NodeJS.ErrnoException) => resolve({ errorCode: error.code }));
		req.end(JSON.stringify(body));
	});
}
