// Per-key requests-per-minute limit: a sliding window over accepted chat requests, 429 with its reset time.
import { chat, credits, remaining, withEmulator, type Reply } from './support/client';
import { DEMO_API_KEY, FREE_PLAN_API_KEY, startEmulator, type Emulator } from '../../emulator/server';

const RESET_HEADER = 'x-rate-limit-reset-at-utc';

/** Fakes Date alone: the emulator reads the time from it, while sockets and timers stay real. */
const fakeDateOnly = (now: number) =>
	jest.useFakeTimers({
		now,
		doNotFake: [
			'hrtime',
			'nextTick',
			'performance',
			'queueMicrotask',
			'setImmediate',
			'clearImmediate',
			'setInterval',
			'clearInterval',
			'setTimeout',
			'clearTimeout',
		],
	});

describe('the free plan key (5 requests a minute)', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(async () => emulator.close());

	it('accepts 5 chat requests, then answers 429 until the oldest leaves the 60 s window', async () => {
		const statuses = [];
		let firstAnsweredBy = 0;
		for (let i = 0; i < 5; i++) {
			statuses.push((await chat(emulator, 'gpt-4o', 'Hi', { key: FREE_PLAN_API_KEY })).status);
			if (i === 0) firstAnsweredBy = Date.now();
		}
		expect(statuses).toEqual([200, 200, 200, 200, 200]);
		const oldest = emulator.log[0].receivedAt;

		const limited = await chat(emulator, 'gpt-4o', 'Hi', { key: FREE_PLAN_API_KEY });
		expect(limited.status).toBe(429);
		expect(JSON.parse(limited.text)).toEqual({ error: 'Too many requests' });
		expect(limited.headers.get('retry-after')).toBeNull();
		const resetAt = limited.headers.get(RESET_HEADER)!;
		expect(resetAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		// The window starts when the first request was admitted: after it arrived, before its answer.
		expect(Date.parse(resetAt)).toBeGreaterThanOrEqual(oldest + 60_000);
		expect(Date.parse(resetAt)).toBeLessThanOrEqual(firstAnsweredBy + 60_000);
		// Free credits 10 minus five 200s at 0.25: the 429 is not billed but carries the balance.
		expect(remaining(limited)).toBe('8.75');
	});

	it('keeps other keys and get-user-credits out of it', async () => {
		expect((await chat(emulator, 'gpt-4o', 'Hi', { key: DEMO_API_KEY })).status).toBe(200);
		expect((await credits(emulator, FREE_PLAN_API_KEY)).status).toBe(200);
	});

	it('starts a fresh window after reset()', async () => {
		emulator.reset();
		expect((await chat(emulator, 'gpt-4o', 'Hi', { key: FREE_PLAN_API_KEY })).status).toBe(200);
	});
});

it('lets a key without a limit send many requests at once', async () => {
	await withEmulator({}, async (emulator) => {
		const replies = await Promise.all(Array.from({ length: 30 }, () => chat(emulator, 'gpt-4o')));
		expect(replies.every((reply) => reply.status === 200)).toBe(true);
	});
});

it('slides: a request is admitted again once the oldest accepted one has left the window', async () => {
	const start = Date.parse('2025-01-01T00:00:00.000Z');
	fakeDateOnly(start);
	try {
		const keys = { SG_tiny: { credits: 10, requestsPerMinute: 2 } };
		await withEmulator({ keys, rateLimitWindowMs: 400 }, async (emulator) => {
			const send = () => chat(emulator, 'gpt-4o', 'Hi', { key: 'SG_tiny' });
			const resetOf = (reply: Reply) => Date.parse(reply.headers.get(RESET_HEADER)!);
			expect((await send()).status).toBe(200);
			jest.setSystemTime(start + 200);
			expect((await send()).status).toBe(200);
			const limited = await send();
			expect(limited.status).toBe(429);
			expect(resetOf(limited)).toBe(start + 400);
			// Still limited 1 ms before the first request leaves the window.
			jest.setSystemTime(start + 399);
			expect((await send()).status).toBe(429);
			// Only the first has left: one slot, then limited again (the 429s did not take a slot).
			jest.setSystemTime(start + 400);
			expect((await send()).status).toBe(200);
			const again = await send();
			expect(again.status).toBe(429);
			expect(resetOf(again)).toBe(start + 600);
		});
	} finally {
		jest.useRealTimers();
	}
});

it('counts requests that fail after admission, such as a 404 or a fault', async () => {
	const keys = { SG_tiny: { credits: 10, requestsPerMinute: 2 } };
	await withEmulator({ keys }, async (emulator) => {
		expect((await chat(emulator, 'no-such-model', 'Hi', { key: 'SG_tiny' })).status).toBe(404);
		expect((await chat(emulator, 'gpt-4o', '#emulate:500', { key: 'SG_tiny' })).status).toBe(500);
		expect((await chat(emulator, 'gpt-4o', 'Hi', { key: 'SG_tiny' })).status).toBe(429);
	});
});
