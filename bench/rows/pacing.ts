// requestsPerMinute against a key the emulator limits to the same rate: the share of the plan
// used over 3 minutes, and no window over the limit.
import { nodeExecutionTime } from '../../scripts/n8n/sandbox';
import { expectItems, LONG_RUN_MS, workflowId } from '../comparison';
import { CREDENTIALS, KEYS, PACED_LIMIT_PER_MINUTE } from '../credentials';
import { ms } from '../format';
import { maxInWindow, sentWith, tightestSpan } from '../requestLog';
import { median } from '../stats';
import { benchWorkflow, SEGMIND_NODE } from '../workflow';
import { atLeast, defineRow, type RowContext } from './row';

const PACING = {
	items: 150,
	concurrency: 5,
	latencyMs: 100,
	requestsPerMinute: PACED_LIMIT_PER_MINUTE,
	/** The span judged: 3 minutes from the first request. */
	spanMs: 180_000,
	windowMs: 60_000,
};
const TARGET_SHARE = 0.95;

interface PacingRun {
	executionMs: number;
	sent: number;
	rateLimited: number;
	failedItems: number;
	maxInWindow: number;
	inSpan: number;
	allowedInSpan: number;
	firstToLastMs: number;
	/** Gaps between consecutive arrivals, in ms. */
	gaps: { min: number; median: number; max: number; first: number };
	/** The shortest time in which limit + 1 requests arrived (under the window: one too many). */
	tightestOverLimit: { ms: number; from: number };
	/** 1-based arrival numbers of the requests answered 429. */
	rateLimitedAt: number[];
}

async function runPacing({ sandbox, emulator }: RowContext): Promise<PacingRun> {
	emulator.configure({ latencyMs: PACING.latencyMs, rateLimitWindowMs: PACING.windowMs });
	emulator.reset();
	const result = await sandbox.execute(workflowId('pacing', 'S'), { timeoutMs: LONG_RUN_MS });
	const sent = sentWith(emulator.log, KEYS.paced.label);
	const times = sent.map((entry) => entry.receivedAt).sort((a, b) => a - b);
	const gaps = times.slice(1).map((at, index) => at - times[index]);
	// A 429 is counted even when a retry then succeeded; an item that still failed, here.
	const failedItems = expectItems(result, SEGMIND_NODE, PACING.items);
	return {
		executionMs: nodeExecutionTime(result, SEGMIND_NODE),
		sent: sent.length,
		rateLimited: sent.filter((entry) => entry.status === 429).length,
		failedItems,
		maxInWindow: maxInWindow(times, PACING.windowMs),
		inSpan: times.filter((at) => at < times[0] + PACING.spanMs).length,
		allowedInSpan: (PACING.requestsPerMinute * PACING.spanMs) / 60_000,
		firstToLastMs: times[times.length - 1] - times[0],
		gaps: {
			min: Math.min(...gaps),
			median: median(gaps),
			max: Math.max(...gaps),
			first: gaps[0],
		},
		tightestOverLimit: tightestSpan(times, PACING.requestsPerMinute + 1),
		rateLimitedAt: sent.flatMap((entry, index) => (entry.status === 429 ? [index + 1] : [])),
	};
}

export const pacing = defineRow<PacingRun>({
	name: 'pacing',
	summary: `${PACING.items} requests at ${PACING.requestsPerMinute} a minute (3+ minutes)`,
	slow: true,
	workflows: (emulatorUrl) => [
		benchWorkflow({
			id: workflowId('pacing', 'S'),
			name: 'Bench pacing, 50 requests a minute',
			items: PACING.items,
			emulatorUrl,
			branches: [
				{
					kind: 'segmind',
					settings: {
						credential: CREDENTIALS.paced,
						concurrency: PACING.concurrency,
						requestsPerMinute: PACING.requestsPerMinute,
					},
				},
			],
		}),
	],
	measure: async (context) => {
		context.progress(
			`pacing: ${PACING.items} requests at ${PACING.requestsPerMinute} a minute, about ${PACING.spanMs / 60_000} minutes`,
		);
		return runPacing(context);
	},
	render: (run) => {
		const share = run.inSpan / run.allowedInSpan;
		const window = `${PACING.windowMs / 1000} s`;
		return {
			details: [
				`pacing, requestsPerMinute = ${PACING.requestsPerMinute} against a key limited to ${PACING.requestsPerMinute} per ${window}, ${PACING.items} items (concurrency ${PACING.concurrency}, L = ${PACING.latencyMs} ms): ${run.inSpan} requests in the ${PACING.spanMs / 1000} s from the first, of ${run.allowedInSpan} allowed; most in any ${window} window ${run.maxInWindow}, 429 answers ${run.rateLimited}. ${run.sent} requests in all, first to last ${(run.firstToLastMs / 1000).toFixed(1)} s, failed items ${run.failedItems}, node ran ${ms(run.executionMs)} ms. Gaps between arrivals: first ${ms(run.gaps.first)} ms, min ${ms(run.gaps.min)}, median ${ms(run.gaps.median)}, max ${ms(run.gaps.max)} ms; the tightest ${PACING.requestsPerMinute + 1} consecutive arrivals (from no. ${run.tightestOverLimit.from + 1}) spanned ${ms(run.tightestOverLimit.ms)} ms (under ${PACING.windowMs} ms means one too many in a window)${run.rateLimitedAt.length > 0 ? `; 429 for arrival no. ${run.rateLimitedAt.join(', ')}` : ''}.`,
			],
			targets: [
				{
					what: `pacing: share of ${run.allowedInSpan} allowed requests sent in ${PACING.spanMs / 1000} s`,
					target: `>= ${TARGET_SHARE * 100}%`,
					measured: `${(share * 100).toFixed(1)}%`,
					verdict: atLeast(share, TARGET_SHARE),
				},
				{
					what: `pacing: most requests in any ${window} window, and 429 answers`,
					target: `<= ${PACING.requestsPerMinute}, none`,
					measured: `${run.maxInWindow}, ${run.rateLimited}`,
					verdict:
						run.maxInWindow <= PACING.requestsPerMinute && run.rateLimited === 0 ? 'met' : 'missed',
				},
			],
		};
	},
});
