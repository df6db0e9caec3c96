// latencyMs: a fixed delay before every answer, the benchmark's stand-in for the model's time.
import { chat, credits, withEmulator } from './support/client';
import { startEmulator, type Emulator } from '../../emulator/server';

// Every answer waits the latency in real time, which a loaded machine stretches.
jest.setTimeout(30_000);

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ latencyMs: 200 });
});
afterAll(async () => emulator.close());

const timed = async (send: () => Promise<{ status: number }>) => {
	const started = Date.now();
	const { status } = await send();
	return { status, ms: Date.now() - started };
};

it('delays 200s and error answers alike', async () => {
	for (const send of [
		() => chat(emulator, 'gpt-4o'),
		() => chat(emulator, 'gpt-4o', 'Hi', { key: null }),
		() => credits(emulator),
	]) {
		const { ms } = await timed(send);
		expect(ms).toBeGreaterThanOrEqual(195);
	}
});

it('serves concurrent requests in parallel, each after the latency', async () => {
	// A latency long next to how long 20 requests take to arrive, even on a loaded machine.
	await withEmulator({ latencyMs: 3000 }, async (own) => {
		const replies = await Promise.all(Array.from({ length: 20 }, () => chat(own, 'gpt-4o')));
		expect(replies.every((reply) => reply.status === 200)).toBe(true);
		// All were in flight at once: the last one arrived before the first answer went out.
		const lastArrival = Math.max(...own.log.map((entry) => entry.receivedAt));
		const firstAnswer = Math.min(...own.log.map((entry) => entry.answeredAt!));
		expect(lastArrival).toBeLessThan(firstAnswer);
		for (const entry of own.log)
			expect(entry.answeredAt! - entry.receivedAt).toBeGreaterThanOrEqual(2995);
	});
});

it('adds slowMs on top for #emulate:slow', async () => {
	emulator.configure({ faults: { rate: 0, kinds: [], slowMs: 200 } });
	const { status, ms } = await timed(() => chat(emulator, 'gpt-4o', '#emulate:slow'));
	expect(status).toBe(200);
	expect(ms).toBeGreaterThanOrEqual(395);
});
