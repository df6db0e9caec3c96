// latencyMs: a fixed delay before every answer, the benchmark's stand-in for the model's time.
import { chat, credits } from './client';
import { startEmulator, type Emulator } from './server';

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
		expect(ms).toBeLessThan(600);
	}
});

it('serves concurrent requests in parallel, each after the latency', async () => {
	const started = Date.now();
	const replies = await Promise.all(Array.from({ length: 20 }, () => chat(emulator, 'gpt-4o')));
	expect(replies.every((reply) => reply.status === 200)).toBe(true);
	expect(Date.now() - started).toBeLessThan(800);
});

it('adds slowMs on top for #emulate:slow', async () => {
	emulator.configure({ faults: { rate: 0, kinds: [], slowMs: 200 } });
	const { status, ms } = await timed(() => chat(emulator, 'gpt-4o', '#emulate:slow'));
	expect(status).toBe(200);
	expect(ms).toBeGreaterThanOrEqual(395);
});
