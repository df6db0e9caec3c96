// A plan's 429 pauses every billed request of it in this process: the items of the run that met
// it, and those of any other run with the same key (n8n runs many executions in one process).
// Against the emulator's sliding window, with a short window so the tests take seconds.
import type { IDataObject } from 'n8n-workflow';

import { PAUSE_SPREAD, planGate } from '../../nodes/shared/client';
import type { RequestLogEntry } from '../../emulator/server';
import { useEmulator } from './support/emulatorFixture';
import { runWorkflow } from './support/runWorkflow';

const api = useEmulator();

const PLAN_KEY = 'SG_engine_plan_key_5e1d';
const WINDOW_MS = 3_000;

/** The emulator with one key, limited to `limit` chat requests per WINDOW_MS. */
function limitPlan(limit: number) {
	api.emulator.configure({
		// A round trip longer than a loaded machine takes to send a burst: requests sent together
		// are admitted together, and answered together, as over a network.
		latencyMs: 150,
		keys: { [PLAN_KEY]: { credits: 1_000, label: 'plan', requestsPerMinute: limit } },
		rateLimitWindowMs: WINDOW_MS,
	});
}

/** A run of the Segmind node over `prompts`, one item each, on the limited plan. */
const runPrompts = (prompts: string[], options: IDataObject = {}) =>
	runWorkflow({
		nodes: [
			{
				parameters: {
					operation: 'message',
					messages: { values: [{ role: 'user', content: '={{ $json.prompt }}' }] },
					options: { concurrency: 5, ...options },
				},
			},
		],
		input: prompts.map((prompt) => ({ prompt })),
		credentials: api.credentials(PLAN_KEY),
	});

const prompts = (run: string, count: number) =>
	Array.from({ length: count }, (_, index) => `${run} ${index + 1}`);

const contentOf = (entry: RequestLogEntry) =>
	JSON.stringify((entry.body as { messages?: unknown } | null)?.messages ?? null);

const chats = () => api.emulator.log.filter((entry) => entry.kind === 'chat');

/**
 * Resolves once a 429 has paused the plan in this process (the runs' gate, as the node reaches it),
 * with the request the emulator refused.
 */
async function firstPause(): Promise<RequestLogEntry> {
	const gate = planGate(api.emulator.url.replace(/\/$/, ''), PLAN_KEY);
	while (gate.pauseLeftMs() === 0) await new Promise((resolve) => setTimeout(resolve, 2));
	return chats().find((entry) => entry.status === 429)!;
}

test('one run on a plan of 5 per window: its items wait the pause together and come back one by one, 15 requests for 10 billed', async () => {
	limitPlan(5);
	const { items, error } = await runPrompts(prompts('alone', 10));
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.status)).toEqual(Array(10).fill('ok'));

	const log = chats();
	// Five billed; the five that followed them, sent before any 429 came back (nothing could stop
	// them); then, after the pause, the same five again, billed, and no further 429.
	expect(log.map((entry) => entry.status)).toEqual([
		...Array(5).fill(200),
		...Array(5).fill(429),
		...Array(5).fill(200),
	]);
	const billed = log.filter((entry) => entry.status === 200);
	// Each content billed once.
	expect(new Set(billed.map(contentOf)).size).toBe(10);
});

test('a run started during another run\'s pause waits it out with it instead of meeting 429s', async () => {
	limitPlan(4);
	const first = runPrompts(prompts('first', 6), { concurrency: 6 });
	const limited = await firstPause();
	const second = runPrompts(prompts('second', 2));
	const [firstRun, secondRun] = await Promise.all([first, second]);
	expect(firstRun.error).toBeUndefined();
	expect(secondRun.error).toBeUndefined();
	expect([...firstRun.items, ...secondRun.items].map((item) => item.json.status)).toEqual(
		Array(8).fill('ok'),
	);

	const log = chats();
	const ofSecond = log.filter((entry) => contentOf(entry).includes('second'));
	// The second run sent each item once, none before the plan's window had moved on.
	expect(ofSecond.map((entry) => entry.status)).toEqual([200, 200]);
	const windowEnds = limited.receivedAt + WINDOW_MS - 200;
	expect(ofSecond.every((entry) => entry.receivedAt >= windowEnds)).toBe(true);
	// 4 billed and 2 refused in the first window; then 4 billed, none refused.
	expect(log.filter((entry) => entry.status === 429)).toHaveLength(2);
	expect(log.filter((entry) => entry.status === 200)).toHaveLength(8);
});

test('an item waits the plan\'s pause only within its own rateLimitWait: with 0 it goes at once, and its 429 is its answer', async () => {
	limitPlan(4);
	const first = runPrompts(prompts('first', 6), { concurrency: 6 });
	await firstPause();
	const impatient = await runPrompts(prompts('impatient', 1), { rateLimitWait: 0 });
	await first;
	expect(impatient.items[0].json).toMatchObject({ status: 'rate_limited', statusCode: 429 });
	const ofImpatient = chats().filter((entry) => contentOf(entry).includes('impatient'));
	expect(ofImpatient.map((entry) => entry.status)).toEqual([429]);
});

test('the pause lasts until the reset moment, plus at most the spread', async () => {
	limitPlan(2);
	const { items } = await runPrompts(prompts('spread', 4), { concurrency: 4 });
	expect(items.map((item) => item.json.status)).toEqual(Array(4).fill('ok'));
	const log = chats();
	const [firstBilled] = log.filter((entry) => entry.status === 200);
	const later = log.filter((entry) => entry.receivedAt > firstBilled.receivedAt + WINDOW_MS / 2);
	const back = Math.min(...later.map((entry) => entry.receivedAt));
	// Not before the window has moved on (so no 429 then), and not a window later either (the
	// spread is at most PAUSE_SPREAD of the wait; timers on a loaded machine fire late).
	expect(back - firstBilled.receivedAt).toBeGreaterThanOrEqual(WINDOW_MS - 50);
	expect(back - firstBilled.receivedAt).toBeLessThan(WINDOW_MS * (1 + PAUSE_SPREAD) + 1_000);
	expect(later.every((entry) => entry.status === 200)).toBe(true);
});
