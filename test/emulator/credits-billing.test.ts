// x-remaining-credits on every answer to a known key; only a sent 200 is billed; 406 once the balance is spent.
import { call, chat, credits, rawChat, remaining, waitFor, withEmulator } from './support/client';
import { DEMO_API_KEY, NO_CREDITS_API_KEY, startEmulator, type Emulator } from '../../emulator/server';

// Concurrent requests wait out a latency in real time, which a loaded machine stretches.
jest.setTimeout(30_000);

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.close());
beforeEach(() => emulator.reset());

const balance = async (key = DEMO_API_KEY) => JSON.parse((await credits(emulator, key)).text);

describe('billing 200s', () => {
	it('takes 0.25 per 200, free credits first, and reports the balance as a plain decimal', async () => {
		// The demo key holds 1000 credits and 0.5 free credits.
		const seen = [];
		for (let i = 0; i < 4; i++) seen.push(remaining(await chat(emulator, 'gpt-4o')));
		expect(seen).toEqual(['1000.25', '1000', '999.75', '999.5']);
		expect(await balance()).toEqual({ credits: 999.5, 'free-credits': 0 });
	});

	it('bills costPerRequest and keeps decimal costs exact', async () => {
		await withEmulator(
			{ costPerRequest: 0.1, keys: { SG_decimal: { credits: 1 } } },
			async (own) => {
				const seen = [];
				for (let i = 0; i < 3; i++)
					seen.push(remaining(await chat(own, 'gpt-4o', 'Hi', { key: 'SG_decimal' })));
				expect(seen).toEqual(['0.9', '0.8', '0.7']);
			},
		);
	});

	it('bills every model family the same', async () => {
		for (const slug of ['claude-4-sonnet', 'gemini-2.5-pro', 'deepseek-chat'])
			await chat(emulator, slug);
		expect(remaining(await credits(emulator))).toBe('999.75');
	});
});

describe('not billing failures', () => {
	it('keeps the balance on 400, 404, 405, 406 and 410 answers, which still carry it', async () => {
		const failures = [
			call(emulator, '/v1/gpt-4o', { body: { messages: 'Hi' } }),
			chat(emulator, 'gpt-9-ultra'),
			call(emulator, '/v1/gpt-4o', { method: 'GET' }),
			call(emulator, '/v1/gpt-4o', { body: '{' }),
			chat(emulator, 'gpt-4-32k'),
		];
		for (const reply of await Promise.all(failures)) {
			expect(reply.status).not.toBe(200);
			expect(remaining(reply)).toBe('1000.5');
		}
		expect(await balance()).toEqual({ credits: 1000, 'free-credits': 0.5 });
	});

	it('keeps the balance on fault answers', async () => {
		for (const directive of ['500', '502', '503', '429', 'html500', 'empty500']) {
			const reply = await chat(emulator, 'gpt-4o', `#emulate:${directive}`);
			expect(reply.status).toBeGreaterThanOrEqual(429);
			expect(remaining(reply)).toBe('1000.5');
		}
		expect((await rawChat(emulator, 'gpt-4o', '#emulate:reset')).errorCode).toBe('ECONNRESET');
		expect(remaining(await credits(emulator))).toBe('1000.5');
	});

	it('gives the charge back when the client closes before the answer is sent', async () => {
		// Long enough that the client closes first, even on a loaded machine; the close ends the wait.
		emulator.configure({ latencyMs: 10_000 });
		const controller = new AbortController();
		const aborted = chat(emulator, 'gpt-4o', 'Hi', { signal: controller.signal });
		try {
			// The body is logged just before the request is planned and charged.
			await waitFor(() => Boolean(emulator.log[0]?.body));
			emulator.configure({ latencyMs: 0 });
			// Charged while its answer waits.
			expect(remaining(await credits(emulator))).toBe('1000.25');
		} finally {
			emulator.configure({ latencyMs: 0 });
			controller.abort();
		}
		await expect(aborted).rejects.toThrow();
		await waitFor(() => emulator.log[0].outcome === 'aborted-by-client');
		expect(remaining(await credits(emulator))).toBe('1000.5');
	});
});

describe('running out', () => {
	it('answers 406 Not enough credits for a key without credits', async () => {
		const reply = await chat(emulator, 'gpt-4.5-preview', 'Hi', { key: NO_CREDITS_API_KEY });
		expect(reply.status).toBe(406);
		expect(JSON.parse(reply.text)).toEqual({ error: 'Not enough credits' });
		expect(remaining(reply)).toBe('0');
	});

	it('answers 200 while the balance covers the cost, then 406', async () => {
		await withEmulator(
			{ keys: { SG_small: { credits: 0.25, freeCredits: 0.25 } } },
			async (own) => {
				const statuses = [];
				for (let i = 0; i < 3; i++)
					statuses.push((await chat(own, 'gpt-4o', 'Hi', { key: 'SG_small' })).status);
				expect(statuses).toEqual([200, 200, 406]);
			},
		);
	});

	it('does not overdraw when requests run concurrently', async () => {
		// A latency long next to how long 8 requests take to arrive, even on a loaded machine.
		const options = { latencyMs: 3000, keys: { SG_small: { credits: 1 } } };
		await withEmulator(options, async (own) => {
			const replies = await Promise.all(
				Array.from({ length: 8 }, () => chat(own, 'gpt-4o', 'Hi', { key: 'SG_small' })),
			);
			expect(replies.map((reply) => reply.status).sort()).toEqual([
				200, 200, 200, 200, 406, 406, 406, 406,
			]);
			// Charged as each request is accepted, so every answer shows the balance after all four.
			expect(replies.map(remaining)).toEqual(Array(8).fill('0'));
		});
	});
});

describe('reset', () => {
	it('restores the balances', async () => {
		await chat(emulator, 'gpt-4o');
		expect(remaining(await credits(emulator))).toBe('1000.25');
		emulator.reset();
		expect(remaining(await credits(emulator))).toBe('1000.5');
	});
});
