// client.download over n8n's own httpRequest (axios), answered by nock or a local server: no key,
// redirects followed by hand under the host rule, retries, size limits, a refusing store.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import nock from 'nock';

import { pause } from '../../nodes/shared/client/pause';
import { collectBody, downloadClient } from '../support/downloadContext';
import { SECRET_API_KEY, systemError } from '../support/segmindNock';

// Waits are recorded and skipped: which backoff a retry chose is asserted, not waited for.
jest.mock('../../nodes/shared/client/pause', () => ({
	...jest.requireActual('../../nodes/shared/client/pause'),
	pause: jest.fn(async () => {}),
}));
const pauseMock = pause as jest.MockedFunction<typeof pause>;

const FILES = 'https://images.segmind.com';
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(2000, 7)]);
const MIB = 1024 * 1024;
const limits = { downloadFrom: 'segmind' as const, maxFileSizeMiB: 1 };

// Every request nock sees must come without the key or any credential header.
const keyless = { badheaders: ['x-api-key', 'authorization'] };
const files = () => nock(FILES, keyless);

beforeEach(() => pauseMock.mockClear());
afterEach(() => nock.cleanAll());
beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());

const retryWaits = () => pauseMock.mock.calls.map(([ms]) => ms);

test('a file is downloaded without the key, through plain httpRequest, as a stream', async () => {
	const scope = files().get('/generations/a.png').reply(200, PNG, { 'content-type': 'image/png' });
	const { client, requests } = await downloadClient();
	const outcome = await client.download(`${FILES}/generations/a.png`, limits, collectBody);
	expect(scope.isDone()).toBe(true);
	expect(outcome).toEqual({
		ok: true,
		stored: PNG,
		bytes: PNG.length,
		statusCode: 200,
		url: `${FILES}/generations/a.png`,
	});
	expect(requests).toHaveLength(1);
	expect(requests[0]).toMatchObject({
		method: 'GET',
		encoding: 'stream',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		disableFollowRedirect: true,
	});
	expect(JSON.stringify(requests)).not.toContain(SECRET_API_KEY);
	expect(requests[0].headers).toBeUndefined();
	expect(requests[0].abortSignal).toBeDefined();
});

test.each([
	['a 500', (scope: nock.Interceptor) => scope.reply(500, { error: 'boom' })],
	['a 502', (scope: nock.Interceptor) => scope.reply(502, 'Bad gateway')],
	['a 503', (scope: nock.Interceptor) => scope.reply(503)],
	['a 429', (scope: nock.Interceptor) => scope.reply(429)],
	[
		'a reset',
		(scope: nock.Interceptor) => scope.replyWithError(systemError('ECONNRESET', 'socket hang up')),
	],
	[
		'a refused connection',
		(scope: nock.Interceptor) =>
			scope.replyWithError(systemError('ECONNREFUSED', 'connect ECONNREFUSED')),
	],
	[
		'a timeout',
		(scope: nock.Interceptor) =>
			scope.replyWithError(systemError('ETIMEDOUT', 'connect ETIMEDOUT')),
	],
])('%s is retried with the backoff, then the file is kept', async (_name, fail) => {
	fail(files().get('/a.png'));
	fail(files().get('/a.png'));
	files().get('/a.png').reply(200, PNG);
	const { client } = await downloadClient();
	const outcome = await client.download(`${FILES}/a.png`, limits, collectBody);
	expect(outcome).toMatchObject({ ok: true, stored: PNG, bytes: PNG.length });
	// 500 ms doubling, with up to 20% jitter.
	const [first, second] = retryWaits();
	expect(retryWaits()).toHaveLength(2);
	expect(first).toBeGreaterThanOrEqual(500);
	expect(first).toBeLessThanOrEqual(600);
	expect(second).toBeGreaterThanOrEqual(1000);
	expect(second).toBeLessThanOrEqual(1200);
});

test("a 429's reset moment is waited for", async () => {
	const reset = new Date(Date.now() + 5000).toISOString();
	files().get('/a.png').reply(429, '', { 'x-rate-limit-reset-at-utc': reset });
	files().get('/a.png').reply(200, PNG);
	const { client } = await downloadClient();
	expect(await client.download(`${FILES}/a.png`, limits, collectBody)).toMatchObject({ ok: true });
	expect(retryWaits()[0]).toBeGreaterThan(4000);
	expect(retryWaits()[0]).toBeLessThanOrEqual(5000);
});

test.each([
	[400, 'HTTP 400 Bad Request'],
	[403, 'HTTP 403 Forbidden'],
	[404, 'HTTP 404 Not Found'],
	[410, 'HTTP 410 Gone'],
])(
	'a %i is not retried: the failure names the host, the status and its reason',
	async (status, reason) => {
		const scope = files().get('/gone.png').reply(status, { error: 'no' });
		const { client } = await downloadClient();
		const outcome = await client.download(`${FILES}/gone.png`, limits, collectBody);
		expect(scope.isDone()).toBe(true);
		expect(outcome).toEqual({
			ok: false,
			failure: {
				kind: 'http',
				url: `${FILES}/gone.png`,
				host: 'images.segmind.com',
				statusCode: status,
				reason,
			},
		});
		expect(retryWaits()).toEqual([]);
	},
);

test('retries stop at the time limit; the failure is the last answer', async () => {
	files().get('/a.png').times(50).reply(503);
	const { client } = await downloadClient({ settings: { timeoutMs: 2000 } });
	const outcome = await client.download(`${FILES}/a.png`, limits, collectBody);
	expect(outcome).toMatchObject({
		ok: false,
		failure: { kind: 'http', statusCode: 503, reason: 'HTTP 503 Service Unavailable' },
	});
	// 500 + 1000 ms of backoff fit in 2 s; the next wait (2 s) would not.
	expect(retryWaits()).toHaveLength(2);
});

test("a download's own time limit replaces the client's", async () => {
	files().get('/a.png').times(50).reply(500);
	const { client } = await downloadClient({ settings: { timeoutMs: 600_000 } });
	await client.download(`${FILES}/a.png`, { ...limits, timeoutMs: 700 }, collectBody);
	expect(retryWaits()).toHaveLength(1);
});

test('redirects are followed by hand, relative ones too, up to five', async () => {
	const scope = files()
		.get('/1')
		.reply(302, '', { location: '/2' })
		.get('/2')
		.reply(301, '', { location: `${FILES}/3` })
		.get('/3')
		.reply(307, '', { location: 'https://cdn.segmind.com/4' });
	const cdn = nock('https://cdn.segmind.com', keyless)
		.get('/4')
		.reply(308, '', { location: '/5' })
		.get('/5')
		.reply(303, '', { location: '/final.png' })
		.get('/final.png')
		.reply(200, PNG);
	const { client, requests } = await downloadClient();
	const outcome = await client.download(`${FILES}/1`, limits, collectBody);
	expect(scope.isDone() && cdn.isDone()).toBe(true);
	expect(outcome).toMatchObject({
		ok: true,
		stored: PNG,
		url: 'https://cdn.segmind.com/final.png',
	});
	expect(requests.every((request) => request.disableFollowRedirect === true)).toBe(true);
});

test('a sixth redirect is not followed', async () => {
	for (let hop = 1; hop <= 6; hop++)
		files()
			.get(`/${hop}`)
			.reply(302, '', { location: `/${hop + 1}` });
	const last = files().get('/7').reply(200, PNG);
	const { client } = await downloadClient();
	const outcome = await client.download(`${FILES}/1`, limits, collectBody);
	expect(last.isDone()).toBe(false);
	expect(outcome).toMatchObject({
		ok: false,
		failure: { kind: 'http', statusCode: 302, reason: 'more than 5 redirects' },
	});
});

test('a redirect without a Location is a failure', async () => {
	files().get('/a.png').reply(302);
	const { client } = await downloadClient();
	expect(await client.download(`${FILES}/a.png`, limits, collectBody)).toMatchObject({
		ok: false,
		failure: { statusCode: 302, reason: 'HTTP 302 without a Location' },
	});
});

test('a redirect to a Location that is no URL is a failure', async () => {
	files().get('/a.png').reply(302, '', { location: 'http://[bad' });
	const { client } = await downloadClient();
	expect(await client.download(`${FILES}/a.png`, limits, collectBody)).toMatchObject({
		ok: false,
		failure: { statusCode: 302, reason: 'HTTP 302 to a Location that is no URL' },
	});
});

test.each([
	['another host', 'https://evil.example/a.png', 'evil.example', 'downloadFrom "segmind"'],
	[
		'a look-alike host',
		'https://evilsegmind.com/a.png',
		'evilsegmind.com',
		'downloadFrom "segmind"',
	],
	['plain http', 'http://cdn.segmind.com/a.png', 'cdn.segmind.com', 'https:// only'],
	['a loopback host', 'http://127.0.0.1:9/a.png', '127.0.0.1', 'loopback'],
])(
	'a redirect to %s is not followed: the failure names that host',
	async (_name, target, host, rule) => {
		files().get('/a.png').reply(302, '', { location: target });
		const elsewhere = nock(new URL(target).origin).get(/.*/).reply(200, PNG);
		const { client } = await downloadClient();
		const outcome = await client.download(`${FILES}/a.png`, limits, collectBody);
		expect(elsewhere.isDone()).toBe(false);
		expect(outcome).toMatchObject({
			ok: false,
			failure: { kind: 'refused', host, statusCode: 302 },
		});
		expect(outcome?.ok === false && outcome.failure.reason).toContain(rule);
	},
);

test('a URL outside the allowed hosts is not fetched at all', async () => {
	const evil = nock('https://evil.example').get('/a.png').reply(200, PNG);
	const { client, requests } = await downloadClient();
	const outcome = await client.download('https://evil.example/a.png', limits, collectBody);
	expect(evil.isDone()).toBe(false);
	expect(requests).toEqual([]);
	expect(outcome).toEqual({
		ok: false,
		failure: {
			kind: 'refused',
			url: 'https://evil.example/a.png',
			host: 'evil.example',
			statusCode: null,
			reason:
				'not downloaded: downloadFrom "segmind" allows only segmind.com, its subdomains and the base URL\'s host (api.segmind.com)',
		},
	});
});

test('with downloadFrom "any" another https host is fetched, still without the key', async () => {
	const scope = nock('https://files.example.org', keyless).get('/a.png').reply(200, PNG);
	const { client } = await downloadClient();
	const outcome = await client.download(
		'https://files.example.org/a.png',
		{ ...limits, downloadFrom: 'any' },
		collectBody,
	);
	expect(scope.isDone()).toBe(true);
	expect(outcome).toMatchObject({ ok: true, stored: PNG });
});

test('a Content-Length over maxFileSize is refused before the body is read', async () => {
	files()
		.get('/big.png')
		.reply(200, PNG, { 'content-length': String(2 * MIB) });
	const store = jest.fn(collectBody);
	const { client } = await downloadClient();
	const outcome = await client.download(`${FILES}/big.png`, limits, store);
	expect(store).not.toHaveBeenCalled();
	expect(outcome).toEqual({
		ok: false,
		failure: {
			kind: 'too_large',
			url: `${FILES}/big.png`,
			host: 'images.segmind.com',
			statusCode: 200,
			reason: 'larger than maxFileSize (1 MiB)',
		},
	});
	expect(retryWaits()).toEqual([]);
});

test('without a Content-Length, reading stops at maxFileSize', async () => {
	const endless = Readable.from(
		(function* () {
			for (let piece = 0; piece < 64; piece++) yield Buffer.alloc(64 * 1024, 1);
		})(),
	);
	files()
		.get('/endless.png')
		.reply(200, () => endless);
	const seen: number[] = [];
	const { client } = await downloadClient();
	const outcome = await client.download(`${FILES}/endless.png`, limits, async ({ body }) => {
		for await (const chunk of body) seen.push((chunk as Buffer).length);
		return 'stored';
	});
	expect(outcome).toMatchObject({
		ok: false,
		failure: { kind: 'too_large', statusCode: 200, reason: 'larger than maxFileSize (1 MiB)' },
	});
	const read = seen.reduce((sum, length) => sum + length, 0);
	expect(read).toBeLessThanOrEqual(MIB);
	expect(retryWaits()).toEqual([]);
});

test('a file of exactly maxFileSize is kept', async () => {
	const exact = Buffer.alloc(MIB, 3);
	files()
		.get('/exact.png')
		.reply(200, exact, { 'content-length': String(MIB) });
	const { client } = await downloadClient();
	const outcome = await client.download(`${FILES}/exact.png`, limits, collectBody);
	expect(outcome).toMatchObject({ ok: true, bytes: MIB });
});

test("a store that refuses the file fails it with the store's reason, not retried", async () => {
	const scope = files().get('/a.png').reply(200, PNG);
	const again = files().get('/a.png').reply(200, PNG);
	const { client } = await downloadClient();
	const outcome = await client.download(`${FILES}/a.png`, limits, async ({ body }) => {
		for await (const _chunk of body) {
			// read it all, as n8n's database mode does before it checks the size
		}
		throw new Error('Binary data file is too large: 600 MiB over the 512 MiB limit');
	});
	expect(scope.isDone()).toBe(true);
	expect(again.isDone()).toBe(false);
	expect(outcome).toEqual({
		ok: false,
		failure: {
			kind: 'store',
			url: `${FILES}/a.png`,
			host: 'images.segmind.com',
			statusCode: 200,
			reason:
				"n8n's binary data store refused the file: Binary data file is too large: 600 MiB over the 512 MiB limit",
		},
	});
});

test('an unknown host (ENOTFOUND) is not retried', async () => {
	files()
		.get('/a.png')
		.replyWithError(systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND images.segmind.com'));
	const { client } = await downloadClient();
	const outcome = await client.download(`${FILES}/a.png`, limits, collectBody);
	expect(outcome).toMatchObject({
		ok: false,
		failure: { kind: 'network', statusCode: null, host: 'images.segmind.com' },
	});
	expect(retryWaits()).toEqual([]);
});

test('a download of a run already cancelled starts nothing and resolves undefined', async () => {
	const scope = files().get('/a.png').reply(200, PNG);
	const controller = new AbortController();
	controller.abort();
	const { client } = await downloadClient({ signal: controller.signal });
	expect(await client.download(`${FILES}/a.png`, limits, collectBody)).toBeUndefined();
	expect(scope.isDone()).toBe(false);
});

test('a store that outlives the time limit is not waited for', async () => {
	files().get('/a.png').reply(200, PNG);
	const { client } = await downloadClient();
	const started = Date.now();
	const outcome = await client.download(
		`${FILES}/a.png`,
		{ ...limits, timeoutMs: 300 },
		async () => {
			await new Promise(() => {});
		},
	);
	expect(Date.now() - started).toBeLessThan(10_000);
	expect(outcome).toMatchObject({ ok: false, failure: { kind: 'timeout', statusCode: 200 } });
}, 20_000);

describe('against a local server', () => {
	// Real sockets on a shared machine: room for a slow moment.
	jest.setTimeout(30_000);

	let server: Server;
	let origin: string;
	let requestsSeen: Array<{ url?: string; headers: Record<string, unknown> }> = [];
	let handler: (
		request: import('node:http').IncomingMessage,
		response: import('node:http').ServerResponse,
		count: number,
	) => void;

	beforeAll(async () => {
		nock.enableNetConnect('127.0.0.1');
		server = createServer((request, response) => {
			requestsSeen.push({ url: request.url, headers: request.headers });
			handler(request, response, requestsSeen.length);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});
	beforeEach(() => (requestsSeen = []));

	const local = () => downloadClient({ baseUrl: origin });

	test('a connection reset mid-body is retried; the file is then kept whole', async () => {
		const body = Buffer.alloc(300_000, 9);
		handler = (request, response, count) => {
			response.writeHead(200, { 'content-type': 'image/png', 'content-length': body.length });
			if (count === 1) {
				response.write(body.subarray(0, 100_000));
				response.once('drain', () => request.socket.resetAndDestroy());
				setTimeout(() => request.socket.resetAndDestroy(), 50);
				return;
			}
			response.end(body);
		};
		const { client } = await local();
		const outcome = await client.download(`${origin}/files/a.png`, limits, collectBody);
		expect(outcome).toMatchObject({ ok: true, bytes: body.length, statusCode: 200 });
		expect(outcome?.ok && outcome.stored.equals(body)).toBe(true);
		expect(requestsSeen).toHaveLength(2);
		expect(requestsSeen.every(({ headers }) => headers['x-api-key'] === undefined)).toBe(true);
		expect(retryWaits()).toHaveLength(1);
	});

	test('a body still arriving at the time limit is cut off: a timeout, not retried', async () => {
		handler = (_request, response) => {
			response.writeHead(200, { 'content-type': 'image/png' });
			response.write(Buffer.alloc(1000));
			// ...and nothing more.
		};
		const { client } = await local();
		const started = Date.now();
		const outcome = await client.download(
			`${origin}/files/slow.png`,
			{ ...limits, timeoutMs: 400 },
			collectBody,
		);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(outcome).toMatchObject({
			ok: false,
			failure: {
				kind: 'timeout',
				statusCode: 200,
				host: '127.0.0.1',
				reason: 'not downloaded within the timeout of 400 ms',
			},
		});
		expect(requestsSeen).toHaveLength(1);
	});

	test('the time limit cuts the body even through an httpRequest that takes no abort signal', async () => {
		handler = (_request, response) => {
			response.writeHead(200, { 'content-type': 'image/png' });
			response.write(Buffer.alloc(1000));
		};
		const { client } = await downloadClient({ baseUrl: origin, withoutAbortSignal: true });
		const started = Date.now();
		const outcome = await client.download(
			`${origin}/files/slow.png`,
			{ ...limits, timeoutMs: 400 },
			collectBody,
		);
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(outcome).toMatchObject({ ok: false, failure: { kind: 'timeout', statusCode: 200 } });
	});

	test('a cancel ends the body too, through an httpRequest that takes no abort signal', async () => {
		handler = (_request, response) => {
			response.writeHead(200, { 'content-type': 'image/png' });
			response.write(Buffer.alloc(1000));
		};
		const controller = new AbortController();
		const { client } = await downloadClient({
			baseUrl: origin,
			signal: controller.signal,
			withoutAbortSignal: true,
		});
		const download = client.download(`${origin}/files/a.png`, limits, collectBody);
		setTimeout(() => controller.abort(), 100);
		expect(await download).toBeUndefined();
	});

	test('cancelling the run mid-body ends the download: it resolves undefined', async () => {
		handler = (_request, response) => {
			response.writeHead(200, { 'content-type': 'image/png' });
			response.write(Buffer.alloc(1000));
		};
		const controller = new AbortController();
		const { client } = await downloadClient({ baseUrl: origin, signal: controller.signal });
		const download = client.download(`${origin}/files/a.png`, limits, collectBody);
		setTimeout(() => controller.abort(), 100);
		expect(await download).toBeUndefined();
	});

	test('a loopback file is fetched only when the base URL is on loopback', async () => {
		handler = (_request, response) => response.end(PNG);
		const { client } = await downloadClient();
		const outcome = await client.download(
			`${origin}/files/a.png`,
			{ ...limits, downloadFrom: 'any' },
			collectBody,
		);
		expect(requestsSeen).toEqual([]);
		expect(outcome).toMatchObject({ ok: false, failure: { kind: 'refused', host: '127.0.0.1' } });
		expect(outcome?.ok === false && outcome.failure.reason).toBe(
			'not downloaded: downloadFrom "any" allows a loopback host only when the base URL is on loopback',
		);
	});
});
