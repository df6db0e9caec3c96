import type { RequestLogEntry } from '../../emulator/server';
import { runWorkflow } from './support/runWorkflow';
import { useEmulator } from './support/emulatorFixture';

const api = useEmulator();

const ITEMS = 200;
const COST = 0.25;
const questionOf = (index: number) => `question ${index}`;
const indexIn = (body: unknown) =>
	Number(/question (\d+)/.exec(JSON.stringify(body))?.[1] ?? Number.NaN);

const ask = (options: object) => ({
	operation: 'message',
	messages: { values: [{ role: 'user', content: '={{ $json.question }}' }] },
	options: { requestMode: 'queue', pollInterval: 250, ...options },
});

test('200 items in queue mode through faults on ~30% of polls and fetches and some submits: every item once, in order, no request billed twice', async () => {
	api.emulator.configure({
		latencyMs: 300,
		faults: { rate: 0.08, kinds: ['500', '503', '429', 'reset'], seed: 3 },
		pollFaults: { rate: 0.3, kinds: ['500', '502', '503', '429', 'reset'], seed: 11 },
	});
	const before = await balance();
	const { items, error } = await runWorkflow({
		nodes: [{ parameters: ask({ concurrency: 20, maxRetries: 2, timeout: 60_000 }) }],
		input: Array.from({ length: ITEMS }, (_, index) => ({ question: questionOf(index) })),
		credentials: api.credentials(),
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(ITEMS);
	items.forEach((item, index) => {
		expect(item.pairedItem).toEqual({ item: index });
		if (item.json.status === 'ok') {
			expect(item.json.reply).toBe(`Echo (gpt-4.5-preview, 1 messages): ${questionOf(index)}`);
			expect(item.json.requestId).toEqual(expect.any(String));
		} else if (item.json.status === 'timeout') {
			// A long run of faulted polls can outlast the timeout: the request stays collectable.
			expect(item.json.requestId).toEqual(expect.any(String));
		} else {
			// Otherwise only a submit fails for good: a reset one is never re-sent, a 5xx past maxRetries.
			expect(['network_error', 'server_error', 'rate_limited']).toContain(item.json.status);
			expect(item.json.requestId).toBeNull();
		}
	});
	const ok = items.filter((item) => item.json.status === 'ok').length;
	expect(ok).toBeGreaterThan(ITEMS * 0.85);

	const log = await api.settledLog();
	const evidence = billingEvidence(log, api.emulator.queued());
	// The faults did happen, on every kind of request.
	expect(evidence.faultedPolls).toBeGreaterThan(50);
	expect(evidence.faultedSubmits).toBeGreaterThan(5);
	// Per item: at most one submit was received without a retriable answer, and it was the last.
	for (const [index, submits] of evidence.submitsByItem) {
		for (const earlier of submits.slice(0, -1)) {
			expect(earlier.outcome).toBe('answered');
			expect([429, 500, 502, 503]).toContain(earlier.status);
		}
		const accepted = submits.filter((entry) => entry.status === 200);
		// maxRetries (2) bounds the retries after a 5xx; 429s have their own wait budget.
		expect(submits.slice(0, -1).filter((entry) => entry.status !== 429).length).toBeLessThanOrEqual(2);
		expect(accepted.length).toBeLessThanOrEqual(1);
		if (items[index].json.status === 'ok') expect(accepted[0]?.requestId).toBe(items[index].json.requestId);
	}
	// Each queued request completed and was charged once, and the balance fell by exactly that.
	expect(evidence.chargedPerItem.every((count) => count <= 1)).toBe(true);
	expect(evidence.charged).toBe(evidence.queued);
	expect(evidence.charged).toBeGreaterThanOrEqual(ok);
	expect(before - (await balance())).toBeCloseTo(evidence.charged * COST, 6);
}, 120_000);

test('an item whose wait timed out is collected afterwards with Get Queued Result, billed once', async () => {
	api.emulator.configure({ latencyMs: 1500 });
	const before = await balance();
	const first = await runWorkflow({
		nodes: [{ parameters: ask({ timeout: 600 }) }],
		input: [{ question: questionOf(1) }],
		credentials: api.credentials(),
	});
	const [timedOut] = first.items;
	expect(timedOut.json).toMatchObject({ status: 'timeout', requestId: expect.any(String) });

	const later = await runWorkflow({
		nodes: [{ parameters: { operation: 'getResult', options: { pollInterval: 250, timeout: 10_000 } } }],
		input: [timedOut.json],
		credentials: api.credentials(),
	});
	expect(later.items[0].json).toMatchObject({
		status: 'ok',
		reply: `Echo (gpt-4.5-preview, 1 messages): ${questionOf(1)}`,
		requestId: timedOut.json.requestId,
		model: null,
	});
	const log = await api.settledLog();
	expect(log.filter((entry) => entry.kind === 'submit')).toHaveLength(1);
	expect(api.emulator.queued()).toEqual([expect.objectContaining({ charged: true })]);
	expect(before - (await balance())).toBeCloseTo(COST, 6);
});

async function balance(): Promise<number> {
	const response = await fetch(`${api.emulator.url}/v1/get-user-credits`, {
		headers: { 'x-api-key': api.credentials().apiKey },
	});
	const body = (await response.json()) as { credits: number; 'free-credits': number };
	return body.credits + body['free-credits'];
}

/** What the emulator's log and queue say about billing, per input item. */
function billingEvidence(log: RequestLogEntry[], queued: ReturnType<typeof api.emulator.queued>) {
	const submitsByItem = new Map<number, RequestLogEntry[]>();
	for (const entry of log.filter((logged) => logged.kind === 'submit')) {
		const index = indexIn(entry.body);
		submitsByItem.set(index, [...(submitsByItem.get(index) ?? []), entry]);
	}
	const itemOfSeq = new Map(log.map((entry) => [entry.seq, indexIn(entry.body)]));
	const chargedPerItem = Array.from({ length: ITEMS }, () => 0);
	for (const record of queued.filter((request) => request.charged)) {
		chargedPerItem[itemOfSeq.get(record.submitSeq) as number]++;
	}
	const reads = log.filter((entry) => entry.kind === 'status' || entry.kind === 'result');
	return {
		faultedSubmits: log.filter((entry) => entry.kind === 'submit' && entry.fault).length,
		faultedPolls: reads.filter((entry) => entry.fault).length,
		queued: queued.length,
		charged: queued.filter((request) => request.charged).length,
		submitsByItem,
		chargedPerItem,
	};
}

test('cancelling the execution ends polling at once: no poll after the cancel', async () => {
	let cancelledAt = 0;
	const run = runWorkflow({
		nodes: [{ parameters: ask({ pollInterval: 5_000 }) }],
		input: [{ question: 'never ready #emulate:never-completes' }],
		credentials: api.credentials(),
		onStarted: (cancel) => {
			// Cancel once the first poll has come back: the node is then waiting 5 s for the next.
			const whenPolled = setInterval(() => {
				if (!api.emulator.log.some((entry) => entry.kind === 'status' && entry.status !== null))
					return;
				clearInterval(whenPolled);
				cancelledAt = Date.now();
				cancel();
			}, 10);
		},
	});
	const result = await run;
	expect(Date.now() - cancelledAt).toBeLessThan(1000);
	expect(result.run.status).toBe('canceled');
	expect(api.emulator.log.map((entry) => entry.kind)).toEqual(['submit', 'status']);
}, 20_000);
