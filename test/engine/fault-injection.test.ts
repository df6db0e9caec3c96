import type { IDataObject } from 'n8n-workflow';

import { runWorkflow } from './support/runWorkflow';
import { useEmulator } from './support/emulatorFixture';

const api = useEmulator();

const ITEMS = 200;
const questionOf = (index: number) => `question ${index}`;
const indexIn = (body: unknown) =>
	Number(/question (\d+)/.exec(JSON.stringify(body))?.[1] ?? Number.NaN);

test('200 items through ~30% random faults: every item once, in order, nothing billed twice', async () => {
	api.emulator.configure({
		faults: { rate: 0.3, kinds: ['500', '503', '429', 'reset', 'slow'], seed: 7, slowMs: 1500 },
	});
	const { items, error } = await runWorkflow({
		nodes: [
			{
				parameters: {
					operation: 'message',
					messages: { values: [{ role: 'user', content: '={{ $json.question }}' }] },
					options: { concurrency: 20, maxRetries: 2, timeout: 700 },
				},
			},
		],
		input: Array.from({ length: ITEMS }, (_, index) => ({ question: questionOf(index) })),
		credentials: api.credentials(),
	});
	expect(error).toBeUndefined();

	// Exactly one output item per input item, in input order, paired to it.
	expect(items).toHaveLength(ITEMS);
	items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		if (item.json.status === 'ok') {
			expect(item.json.reply).toBe(`Echo (gpt-4.5-preview, 1 messages): ${questionOf(index)}`);
		} else {
			expect(['server_error', 'rate_limited', 'timeout', 'network_error']).toContain(
				item.json.status,
			);
			expect(item.json.error).toEqual(expect.any(String));
		}
	});
	// Resets and slow answers are never retried, so they always show; 5xx and 429 mostly heal.
	const statuses = new Set(items.map((item) => item.json.status));
	expect([...statuses]).toEqual(expect.arrayContaining(['ok', 'timeout', 'network_error']));
	const retried = api.emulator.log.filter(
		(entry) => entry.status === 429 || (entry.status ?? 0) >= 500,
	);
	expect(retried.length).toBeGreaterThan(10);

	const attemptsOf = new Map<number, typeof api.emulator.log>();
	for (const entry of await api.settledLog()) {
		const index = indexIn(entry.body);
		attemptsOf.set(index, [...(attemptsOf.get(index) ?? []), entry]);
	}
	expect([...attemptsOf.keys()].sort((a, b) => a - b)).toEqual(items.map((_, index) => index));
	for (const [index, attempts] of attemptsOf) {
		// Only a 429 or a 5xx answer is ever followed by another attempt: nothing that may have
		// been billed (a 200, a timeout, a reset) is sent again, whatever the load on the machine.
		for (const earlier of attempts.slice(0, -1)) {
			expect(earlier.outcome).toBe('answered');
			expect([429, 500, 502, 503]).toContain(earlier.status);
		}
		// maxRetries (2) bounds the retries after a 5xx; 429s have their own wait budget.
		expect(
			attempts.slice(0, -1).filter((entry) => entry.status !== 429).length,
		).toBeLessThanOrEqual(2);
		const last = attempts[attempts.length - 1];
		if (items[index].json.status === 'ok') expect(last.status).toBe(200);
		if (items[index].json.status === 'network_error') expect(last.outcome).toBe('reset');
	}
}, 60_000);

test('requestsPerMinute keeps every sliding window under the limit, retries included', async () => {
	// The emulator's window is shortened to 8 s (10 requests, i.e. 75 a minute) to keep the test
	// short; it stays long enough that the pacer's 1% margin covers loopback jitter, as 1% of
	// Segmind's 60 s window covers a real network's.
	const key = 'SG_paced_key';
	api.emulator.configure({
		keys: { [key]: { credits: 100, requestsPerMinute: 10, label: 'paced' } },
		rateLimitWindowMs: 8000,
	});
	const paced = (input: IDataObject[]) =>
		runWorkflow({
			nodes: [
				{
					parameters: {
						operation: 'message',
						messages: { values: [{ role: 'user', content: '={{ $json.question }}' }] },
						options: { concurrency: 10, requestsPerMinute: 75, maxRetries: 2 },
					},
				},
			],
			input,
			credentials: { apiKey: key, baseUrl: api.emulator.url },
		});
	// A first request in a fresh process arrives late (loading, connecting): warm up first,
	// so the check below is about the pacing itself.
	await paced([{ question: 'warm-up' }]);
	api.emulator.reset();
	const { items } = await paced(
		Array.from({ length: 11 }, (_, index) => ({
			question: index === 3 ? 'retry me #emulate:503' : questionOf(index),
		})),
	);
	expect(items).toHaveLength(11);
	expect(items.filter((item) => item.json.status === 'rate_limited')).toEqual([]);
	const times = api.emulator.log.map((entry) => entry.receivedAt).sort((a, b) => a - b);
	expect(times).toHaveLength(13); // the 503 was retried twice
	for (let first = 0; first + 10 < times.length; first++) {
		expect(times[first + 10] - times[first]).toBeGreaterThanOrEqual(8000);
	}
}, 40_000);

test('cancelling the execution ends waits and requests in flight at once', async () => {
	let cancelledAt = 0;
	const run = runWorkflow({
		nodes: [
			{
				parameters: {
					operation: 'message',
					messages: { values: [{ role: 'user', content: 'wait for me #emulate:hang' }] },
					options: { concurrency: 4, requestsPerMinute: 60 },
				},
			},
		],
		input: Array.from({ length: 40 }, () => ({})),
		credentials: api.credentials(),
		onStarted: (cancel) => {
			const whenSent = setInterval(() => {
				if (api.emulator.log.length === 0) return;
				clearInterval(whenSent);
				cancelledAt = Date.now();
				cancel();
			}, 10);
		},
	});
	const result = await run;
	const returnedAfterMs = Date.now() - cancelledAt;
	expect(returnedAfterMs).toBeLessThan(1000);
	expect(result.run.status).toBe('canceled');
	// The pacer held the others back: one request went out, and it was abandoned, not answered.
	expect((await api.settledLog()).map((entry) => entry.outcome)).toEqual(['aborted-by-client']);
}, 15_000);
