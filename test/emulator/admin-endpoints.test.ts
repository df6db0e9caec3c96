// /__emulator/log, /config and /reset: how another process (a real n8n's test, the benchmark) drives the emulator.
import { call, chat, credits, remaining, waitFor } from './support/client';
import { DEMO_API_KEY, startEmulator, type Emulator, type RequestLogEntry } from '../../emulator/server';

// A waiting request is held for LONG_MS at most, in real time.
jest.setTimeout(30_000);

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.close());
beforeEach(() => emulator.reset());

const admin = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
	call(emulator, `/__emulator/${path}`, { method, body, key: null });

/** Longer than any request takes to go out and back, even on a loaded machine. */
const LONG_MS = 10_000;

/** A chat request left waiting (under LONG_MS latency) until `abort()`. */
function pendingChat() {
	const controller = new AbortController();
	const reply = chat(emulator, 'gpt-4o', 'Hi', { signal: controller.signal }).catch(
		() => undefined,
	);
	return {
		abort: async () => {
			controller.abort();
			await reply;
		},
	};
}

const config = async (options: unknown) => {
	const reply = await admin('config', options);
	return { status: reply.status, body: JSON.parse(reply.text) };
};

describe('GET /__emulator/log', () => {
	it('answers the log as JSON, without the admin calls themselves', async () => {
		await chat(emulator, 'gpt-4o', 'Hi');
		await admin('reset', {});
		await chat(emulator, 'claude-4-sonnet', 'Hi');
		await admin('log');
		const reply = await admin('log');
		expect(reply.status).toBe(200);
		const entries = JSON.parse(reply.text) as RequestLogEntry[];
		expect(entries).toEqual([
			expect.objectContaining({
				seq: 1,
				path: '/v1/claude-4-sonnet',
				status: 200,
				outcome: 'answered',
			}),
		]);
		expect(entries).toEqual(JSON.parse(JSON.stringify(emulator.log)));
	});

	it('answers only later entries with ?since=<seq>', async () => {
		for (let i = 0; i < 3; i++) await chat(emulator, 'gpt-4o', `message ${i}`);
		const entries = JSON.parse((await admin('log?since=1')).text) as RequestLogEntry[];
		expect(entries.map((entry) => entry.seq)).toEqual([2, 3]);
	});
});

describe('POST /__emulator/config', () => {
	it('changes the latency of later answers', async () => {
		expect((await config({ latencyMs: 250 })).status).toBe(200);
		const started = Date.now();
		await chat(emulator, 'gpt-4o');
		expect(Date.now() - started).toBeGreaterThanOrEqual(240);

		// Back to none: a later request is answered while an earlier one still waits out its latency.
		await config({ latencyMs: LONG_MS });
		const earlier = pendingChat();
		try {
			await waitFor(() => emulator.log.length === 2);
			expect((await config({ latencyMs: 0 })).status).toBe(200);
			expect((await chat(emulator, 'gpt-4o')).status).toBe(200);
			expect(emulator.log[1].outcome).toBe('pending');
		} finally {
			await earlier.abort();
			await config({ latencyMs: 0 });
		}
	});

	it('switches faults and retired models on and off', async () => {
		await config({ faults: { rate: 1, kinds: ['502'] }, retiredModels: ['gpt-4.5-preview'] });
		expect((await chat(emulator, 'gpt-4o')).status).toBe(502);
		expect((await chat(emulator, 'gpt-4.5-preview')).status).toBe(410);
		await config({ faults: null, retiredModels: [] });
		expect((await chat(emulator, 'gpt-4o')).status).toBe(200);
		expect((await chat(emulator, 'gpt-4-32k')).status).toBe(404);
		await config({ retiredModels: ['gpt-4-32k', 'text-davinci-003'] });
	});

	it('replaces the keys, answering their labels and never the keys', async () => {
		const { status, body } = await config({
			keys: { SG_bench_key: { credits: 2, label: 'bench' } },
			costPerRequest: 1,
		});
		try {
			expect(status).toBe(200);
			expect(body).toEqual({
				keys: ['bench'],
				latencyMs: 0,
				costPerRequest: 1,
				retiredModels: ['gpt-4-32k', 'text-davinci-003'],
				faults: null,
				rateLimitWindowMs: 60000,
				pollFaults: null,
				resultTtlMs: 3600000,
				dropTools: false,
				catalogShape: 'wrapped',
				catalogFailure: null,
				uploadShape: 'urls',
				uploadFaults: [],
				uploadLimitBytes: 536870912,
				pixelflowSlowMs: 5000,
				pixelflowPollOrigin: null,
			});
			expect(remaining(await chat(emulator, 'gpt-4o', 'Hi', { key: 'SG_bench_key' }))).toBe('1');
			expect((await chat(emulator, 'gpt-4o', 'Hi', { key: DEMO_API_KEY })).status).toBe(401);
		} finally {
			await config({
				keys: { [DEMO_API_KEY]: { credits: 1000, freeCredits: 0.5 } },
				costPerRequest: 0.25,
			});
		}
	});

	it.each([
		['a body that is not JSON', 'latencyMs=5', /JSON object/],
		['a JSON array', [], /JSON object/],
		['an unknown option', { latency: 5 }, /unknown field\(s\) latency/],
		['a negative latency', { latencyMs: -1 }, /latencyMs/],
		['a fault rate above 1', { faults: { rate: 2, kinds: ['500'] } }, /faults\.rate/],
		['an unknown fault kind', { faults: { rate: 0.5, kinds: ['teapot'] } }, /faults\.kinds/],
		['no fault kinds at a positive rate', { faults: { rate: 0.5, kinds: [] } }, /faults\.kinds/],
		[
			'credits that are not a number',
			{ keys: { SG_x: { credits: 'lots' } } },
			/keys\[0\]\.credits/,
		],
		[
			'a fractional requestsPerMinute',
			{ keys: { SG_x: { credits: 1, requestsPerMinute: 1.5 } } },
			/requestsPerMinute/,
		],
		['retired models that are not strings', { retiredModels: [1] }, /retiredModels/],
		['the port, which cannot change', { port: 1 }, /unknown field\(s\) port/],
	])('answers 400 and changes nothing for %s', async (_, options, message) => {
		const reply = await admin('config', options);
		expect(reply.status).toBe(400);
		expect(JSON.parse(reply.text).error).toMatch(message);
		expect(reply.text).not.toContain('SG_x');
		expect((await chat(emulator, 'gpt-4o')).status).toBe(200);
	});
});

describe('POST /__emulator/reset', () => {
	it('clears the log and restores balances', async () => {
		await chat(emulator, 'gpt-4o');
		const reply = await admin('reset', {});
		expect(reply.status).toBe(200);
		expect(emulator.log).toEqual([]);
		expect(remaining(await credits(emulator))).toBe('1000.5');
	});
});

describe('other admin calls', () => {
	it('answers 405 for a wrong method and 404 for an unknown admin path, unlogged', async () => {
		expect((await admin('log', {}, 'POST')).status).toBe(405);
		expect((await admin('reset', undefined, 'GET')).status).toBe(405);
		expect((await admin('config', undefined, 'GET')).status).toBe(405);
		expect((await admin('nothing-here')).status).toBe(404);
		expect(emulator.log).toEqual([]);
	});

	it('answers at once, whatever the latency', async () => {
		await config({ latencyMs: LONG_MS });
		const earlier = pendingChat();
		try {
			await waitFor(() => emulator.log.length === 1);
			// Sent after the chat request, with the same latency it would come after it.
			expect((await admin('log')).status).toBe(200);
			expect(emulator.log[0].outcome).toBe('pending');
		} finally {
			await earlier.abort();
			await config({ latencyMs: 0 });
		}
	});
});

describe('configure() in process', () => {
	it('throws on invalid options and keeps the old ones', () => {
		expect(() => emulator.configure({ latencyMs: Number.NaN })).toThrow(/latencyMs/);
		expect(() => emulator.configure({ costPerRequest: -0.25 })).toThrow(/costPerRequest/);
	});

	it('rejects invalid options at start', async () => {
		await expect(startEmulator({ faults: { rate: -1, kinds: ['500'] } })).rejects.toThrow(
			/faults\.rate/,
		);
	});
});
