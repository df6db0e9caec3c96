// `#emulate:<fault>` in the last message: per-request faults a workflow can ask for.
import { chat, credits, rawChat, remaining, user, call, waitFor } from './support/client';
import { NO_CREDITS_API_KEY, startEmulator, type Emulator } from '../../emulator/server';

// slow waits its 2 s in real time, which a loaded machine stretches.
jest.setTimeout(30_000);

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ faults: { rate: 0, kinds: [], slowMs: 300 } });
});
afterAll(async () => emulator.close());
beforeEach(() => emulator.reset());

const lastEntry = () => emulator.log[emulator.log.length - 1];

it('#emulate:500 answers 500 with a JSON error', async () => {
	const reply = await chat(emulator, 'gpt-4o', 'Summarise this #emulate:500');
	expect(reply.status).toBe(500);
	expect(reply.headers.get('content-type')).toBe('application/json');
	expect(typeof JSON.parse(reply.text).error).toBe('string');
	expect(lastEntry()).toMatchObject({ status: 500, outcome: 'answered', fault: '500' });
});

it.each([
	['502', 502, /^text\/html/],
	['503', 503, /^application\/json/],
])('#emulate:%s answers %d', async (directive, status, contentType) => {
	const reply = await chat(emulator, 'gpt-4o', `#emulate:${directive}`);
	expect(reply.status).toBe(status);
	expect(reply.headers.get('content-type')).toMatch(contentType);
});

it('#emulate:html500 answers 500 with an HTML page', async () => {
	const reply = await chat(emulator, 'gpt-4o', '#emulate:html500');
	expect(reply.status).toBe(500);
	expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
	expect(reply.text).toMatch(/^<!doctype html>[\s\S]*Internal Server Error/);
});

it('#emulate:empty500 answers 500 with an empty body and no content type', async () => {
	const reply = await chat(emulator, 'gpt-4o', '#emulate:empty500');
	expect(reply.status).toBe(500);
	expect(reply.text).toBe('');
	expect(reply.headers.get('content-length')).toBe('0');
	expect(reply.headers.get('content-type')).toBeNull();
});

it('#emulate:429 answers 429 with a reset time about a second ahead', async () => {
	const before = Date.now();
	const reply = await chat(emulator, 'gpt-4o', '#emulate:429');
	const after = Date.now();
	expect(reply.status).toBe(429);
	expect(JSON.parse(reply.text)).toEqual({ error: 'Too many requests' });
	// A second after the moment the emulator answered, which lies between the two.
	const resetAt = Date.parse(reply.headers.get('x-rate-limit-reset-at-utc')!);
	expect(resetAt).toBeGreaterThanOrEqual(before + 1000);
	expect(resetAt).toBeLessThanOrEqual(after + 1000);
});

it('#emulate:malformed answers 200 with a body that is not JSON, billed like any 200', async () => {
	const reply = await chat(emulator, 'gpt-4o', '#emulate:malformed');
	expect(reply.status).toBe(200);
	expect(() => JSON.parse(reply.text)).toThrow();
	expect(remaining(reply)).toBe('1000.25');
});

it('#emulate:reset destroys the socket without an answer', async () => {
	expect(await rawChat(emulator, 'gpt-4o', '#emulate:reset')).toEqual({ errorCode: 'ECONNRESET' });
	expect(lastEntry()).toMatchObject({ status: null, outcome: 'reset', fault: 'reset' });
	expect(lastEntry().answeredAt).toEqual(expect.any(Number));
});

it('#emulate:slow answers normally after slowMs', async () => {
	const started = Date.now();
	const reply = await chat(emulator, 'gpt-4o', 'Tell me #emulate:slow');
	expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	expect(reply.status).toBe(200);
	expect(JSON.parse(reply.text).choices[0].message.content).toBe(
		'Echo (gpt-4o, 1 messages): Tell me #emulate:slow',
	);
	expect(lastEntry()).toMatchObject({ status: 200, outcome: 'answered', fault: 'slow' });
});

it('#emulate:slow waits 2000 ms unless slowMs is set', async () => {
	const own = await startEmulator();
	try {
		const started = Date.now();
		expect((await chat(own, 'gpt-4o', '#emulate:slow')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1990);
	} finally {
		await own.close();
	}
});

it('#emulate:hang never answers: the client times out and the log says it closed', async () => {
	const started = Date.now();
	expect(await rawChat(emulator, 'gpt-4o', '#emulate:hang', 200)).toEqual({ errorCode: 'TIMEOUT' });
	await waitFor(() => lastEntry().outcome === 'aborted-by-client');
	const seenAt = Date.now();
	expect(lastEntry()).toMatchObject({ status: null, fault: 'hang' });
	// Closed by the client's 200 ms timeout, which ran from no earlier than the start.
	expect(lastEntry().closedAt! - started).toBeGreaterThanOrEqual(195);
	expect(lastEntry().closedAt).toBeLessThanOrEqual(seenAt);
});

it('leaves the balance alone for faults that are not a 200', async () => {
	for (const directive of ['500', '502', '503', '429', 'html500', 'empty500']) {
		await chat(emulator, 'gpt-4o', `#emulate:${directive}`);
	}
	await rawChat(emulator, 'gpt-4o', '#emulate:reset');
	expect(remaining(await credits(emulator))).toBe('1000.5');
});

it('reads the directive from the last message only, whatever its role', async () => {
	const earlier = [
		{ role: 'user', content: '#emulate:500' },
		{ role: 'assistant', content: 'ok' },
	];
	expect((await call(emulator, '/v1/gpt-4o', { body: { messages: earlier } })).status).toBe(200);
	const lastIsSystem = [...user('Hi'), { role: 'system', content: '#emulate:503' }];
	expect((await call(emulator, '/v1/gpt-4o', { body: { messages: lastIsSystem } })).status).toBe(
		503,
	);
});

it('checks the key, model, body and balance before a directive applies', async () => {
	expect((await chat(emulator, 'gpt-4o', '#emulate:500', { key: 'SG_wrong' })).status).toBe(401);
	expect((await chat(emulator, 'nope', '#emulate:500')).status).toBe(404);
	expect((await chat(emulator, 'gpt-4o', '#emulate:500', { key: NO_CREDITS_API_KEY })).status).toBe(
		406,
	);
});
