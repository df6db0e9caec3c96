// Per-key requests-per-minute limit: a sliding window over accepted chat requests, 429 with its reset time.
import { chat, credits, remaining, withEmulator } from './client';
import { DEMO_API_KEY, FREE_PLAN_API_KEY, startEmulator, type Emulator } from './server';

const RESET_HEADER = 'x-rate-limit-reset-at-utc';

describe('the free plan key (5 requests a minute)', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(async () => emulator.close());

	it('accepts 5 chat requests, then answers 429 until the oldest leaves the 60 s window', async () => {
		const statuses = [];
		for (let i = 0; i < 5; i++)
			statuses.push((await chat(emulator, 'gpt-4o', 'Hi', { key: FREE_PLAN_API_KEY })).status);
		expect(statuses).toEqual([200, 200, 200, 200, 200]);
		const oldest = emulator.log[0].receivedAt;

		const limited = await chat(emulator, 'gpt-4o', 'Hi', { key: FREE_PLAN_API_KEY });
		expect(limited.status).toBe(429);
		expect(JSON.parse(limited.text)).toEqual({ error: 'Too many requests' });
		expect(limited.headers.get('retry-after')).toBeNull();
		const resetAt = limited.headers.get(RESET_HEADER)!;
		expect(resetAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		// The window starts when the request was admitted, a few ms after it arrived.
		expect(Date.parse(resetAt) - (oldest + 60_000)).toBeGreaterThanOrEqual(0);
		expect(Date.parse(resetAt) - (oldest + 60_000)).toBeLessThan(200);
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
	const keys = { SG_tiny: { credits: 10, requestsPerMinute: 2 } };
	await withEmulator({ keys, rateLimitWindowMs: 400 }, async (emulator) => {
		const send = async () => (await chat(emulator, 'gpt-4o', 'Hi', { key: 'SG_tiny' })).status;
		expect(await send()).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(await send()).toBe(200);
		const limited = await chat(emulator, 'gpt-4o', 'Hi', { key: 'SG_tiny' });
		expect(limited.status).toBe(429);
		const wait = Date.parse(limited.headers.get(RESET_HEADER)!) - Date.now();
		// The first request leaves the window about 400 ms after it came, some 200 ms from now.
		expect(wait).toBeGreaterThan(50);
		expect(wait).toBeLessThan(400);
		await new Promise((resolve) => setTimeout(resolve, wait + 20));
		// Only the first has left: one slot, then limited again (the 429 did not take a slot).
		expect(await send()).toBe(200);
		expect(await send()).toBe(429);
	});
});

it('counts requests that fail after admission, such as a 404 or a fault', async () => {
	const keys = { SG_tiny: { credits: 10, requestsPerMinute: 2 } };
	await withEmulator({ keys }, async (emulator) => {
		expect((await chat(emulator, 'no-such-model', 'Hi', { key: 'SG_tiny' })).status).toBe(404);
		expect((await chat(emulator, 'gpt-4o', '#emulate:500', { key: 'SG_tiny' })).status).toBe(500);
		expect((await chat(emulator, 'gpt-4o', 'Hi', { key: 'SG_tiny' })).status).toBe(429);
	});
});
