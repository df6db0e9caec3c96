// The request log: one entry per API request, live, with its outcome, and never a key.
import { call, chat, credits, rawChat, user, waitFor, withEmulator } from './support/client';
import {
	DEMO_API_KEY,
	FREE_PLAN_API_KEY,
	NO_BALANCE_API_KEY,
	NO_CREDITS_API_KEY,
	startEmulator,
	type Emulator,
	type RequestLogEntry,
} from '../../emulator/server';

// Some tests wait out a latency in real time; a loaded machine stretches that.
jest.setTimeout(30_000);

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({
		keys: { [DEMO_API_KEY]: { credits: 100 }, SG_custom_secret: { credits: 1 } },
	});
});
afterAll(async () => emulator.close());
beforeEach(() => emulator.reset());

it('records an answered request with its times, path, label, parsed body and status', async () => {
	const before = Date.now();
	await chat(emulator, 'gpt-4o', 'Hello');
	expect(emulator.log).toEqual([
		{
			seq: 1,
			receivedAt: expect.any(Number),
			answeredAt: expect.any(Number),
			method: 'POST',
			path: '/v1/gpt-4o',
			kind: 'chat',
			keyLabel: 'demo',
			body: { messages: user('Hello') },
			status: 200,
			outcome: 'answered',
		},
	]);
	const [entry] = emulator.log;
	expect(entry.receivedAt).toBeGreaterThanOrEqual(before);
	expect(entry.answeredAt).toBeGreaterThanOrEqual(entry.receivedAt);
});

it('numbers entries in arrival order and restarts after reset()', async () => {
	await chat(emulator, 'gpt-4o', 'one');
	await credits(emulator);
	await chat(emulator, 'nope', 'three');
	expect(emulator.log.map((entry) => [entry.seq, entry.method, entry.path, entry.status])).toEqual([
		[1, 'POST', '/v1/gpt-4o', 200],
		[2, 'GET', '/v1/get-user-credits', 200],
		[3, 'POST', '/v1/nope', 404],
	]);
	emulator.reset();
	expect(emulator.log).toEqual([]);
	await chat(emulator, 'gpt-4o');
	expect(emulator.log[0].seq).toBe(1);
});

it('logs raw text for a body that is not JSON and null for no body', async () => {
	await call(emulator, '/v1/gpt-4o', { body: 'not json', contentType: 'text/plain' });
	await credits(emulator);
	expect(emulator.log.map((entry) => entry.body)).toEqual(['not json', null]);
});

it('labels keys without ever storing one', async () => {
	await chat(emulator, 'gpt-4o', 'Hi', { key: 'SG_custom_secret' });
	await chat(emulator, 'gpt-4o', 'Hi', { key: 'SG_typo_in_the_key' });
	await chat(emulator, 'gpt-4o', 'Hi', { key: null });
	await chat(emulator, 'gpt-4o', 'Hi');
	expect(emulator.log.map((entry) => entry.keyLabel)).toEqual([
		'key-2',
		'unknown',
		'missing',
		'demo',
	]);
	const text = JSON.stringify(emulator.log);
	for (const key of ['SG_custom_secret', 'SG_typo_in_the_key', DEMO_API_KEY])
		expect(text).not.toContain(key);
});

it('gives the well-known keys their own labels and honours a configured label', async () => {
	await withEmulator({}, async (own) => {
		for (const key of [DEMO_API_KEY, NO_CREDITS_API_KEY, NO_BALANCE_API_KEY, FREE_PLAN_API_KEY])
			await credits(own, key);
		expect(own.log.map((entry) => entry.keyLabel)).toEqual([
			'demo',
			'no-credits',
			'no-balance',
			'free-plan',
		]);
		own.configure({ keys: { SG_team_key: { credits: 5, label: 'team' } } });
		await credits(own, 'SG_team_key');
		expect(own.log[4].keyLabel).toBe('team');
		expect(JSON.stringify(own.log)).not.toContain('SG_team_key');
	});
});

it('records a reset socket as reset, with no status', async () => {
	await rawChat(emulator, 'gpt-4o', '#emulate:reset');
	expect(emulator.log[0]).toMatchObject({ outcome: 'reset', status: null, fault: 'reset' });
});

it('is live: an entry is there while its request is in flight, then updated', async () => {
	emulator.configure({ latencyMs: 200 });
	try {
		const pending = chat(emulator, 'gpt-4o');
		await waitFor(() => emulator.log.length === 1);
		expect(emulator.log[0]).toMatchObject({ outcome: 'pending', status: null });
		await pending;
		expect(emulator.log[0]).toMatchObject({ outcome: 'answered', status: 200 });
	} finally {
		emulator.configure({ latencyMs: 0 });
	}
});

it('records a hung request as hung while the client waits', async () => {
	const controller = new AbortController();
	const request = chat(emulator, 'gpt-4o', '#emulate:hang', { signal: controller.signal });
	await waitFor(() => emulator.log[0]?.outcome === 'hung');
	controller.abort();
	await expect(request).rejects.toThrow();
	await waitFor(() => emulator.log[0].outcome === 'aborted-by-client');
});

it('records a request the client aborted before the answer, once, with the time it closed', async () => {
	const latencyMs = 2000;
	emulator.configure({ latencyMs });
	try {
		const controller = new AbortController();
		const aborted = chat(emulator, 'gpt-4o', 'Hi', { signal: controller.signal });
		// The body is logged just before the answer is planned: it is due latencyMs from here at most.
		await waitFor(() => Boolean(emulator.log[0]?.body));
		expect(emulator.log[0].outcome).toBe('pending');
		const abortedAt = Date.now();
		controller.abort();
		await expect(aborted).rejects.toThrow();
		await waitFor(() => emulator.log[0].outcome === 'aborted-by-client');
		const seenAt = Date.now();
		// Past the time the answer was due: it is not sent, and nothing else arrived.
		await new Promise((resolve) => setTimeout(resolve, abortedAt + latencyMs + 50 - Date.now()));
		expect(emulator.log).toHaveLength(1);
		const [entry] = emulator.log;
		expect(entry).toMatchObject({ status: null, outcome: 'aborted-by-client' });
		expect(entry.answeredAt).toBeUndefined();
		// The server saw the close after the client closed and before the test saw the entry change.
		expect(entry.closedAt).toBeGreaterThanOrEqual(abortedAt);
		expect(entry.closedAt).toBeLessThanOrEqual(seenAt);
	} finally {
		emulator.configure({ latencyMs: 0 });
	}
});

it('calls onRequest as each request arrives, before it is answered', async () => {
	const seen: Array<Pick<RequestLogEntry, 'seq' | 'outcome' | 'keyLabel'>> = [];
	await withEmulator(
		{
			latencyMs: 50,
			onRequest: ({ seq, outcome, keyLabel }) => seen.push({ seq, outcome, keyLabel }),
		},
		async (own) => {
			await chat(own, 'gpt-4o');
			await credits(own, null);
			await call(own, '/__emulator/reset');
		},
	);
	expect(seen).toEqual([
		{ seq: 1, outcome: 'pending', keyLabel: 'demo' },
		{ seq: 2, outcome: 'pending', keyLabel: 'missing' },
	]);
});
