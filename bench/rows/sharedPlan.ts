// One Segmind plan shared by every execution on two workers: more executions fired at once than
// the plan's 50 requests a minute allow, each item waiting its turn on 429s (rateLimitWait);
// the share of the plan's capacity used over the run, and no item failed.
import { planUsage, type PlanUsage } from '../../scripts/queue/plan-usage';
import { sharedPlanKeys, sharedPlanLabel } from '../../scripts/queue/shared-plan';
import { webhookWorkflow } from '../../scripts/queue/webhook-workflow';
import { PACED_LIMIT_PER_MINUTE } from '../credentials';
import { ms } from '../format';
import { executionBodies, fireAtOnce, withQueueStack, type Fired } from '../queueMode';
import { atLeast, atMost, defineRow, type RowContext } from './row';

const PLAN = {
	name: 'shared-plan',
	limit: PACED_LIMIT_PER_MINUTE,
	windowMs: 60_000,
	/** --short: the same requests against the same limit per 10 s instead of per minute. */
	shortWindowMs: 10_000,
	/** 200 requests fired at once: four windows' worth, so 3 minutes of waiting on 429s. */
	executions: 20,
	itemsPerExecution: 10,
	latencyMs: 100,
	workers: 2,
	workerConcurrency: 10,
	nodeConcurrency: 5,
	/** Long enough for the last item, which waits about three windows. */
	rateLimitWaitMs: 300_000,
	/** The log holds arrival times; the emulator admits a request once its body is read, a moment later. */
	admissionSlackMs: 500,
};
const WEBHOOK = 'bench-shared-plan';
const TARGET_SHARE = 0.95;

interface SharedPlanRun extends Fired {
	windowMs: number;
	usage: PlanUsage;
	/** Windows of `windowMs` from the first request to the last billed one, counted whole. */
	windows: number;
	firstToLastBilledMs: number;
}

async function runSharedPlan({ progress, short }: RowContext): Promise<SharedPlanRun> {
	const windowMs = short ? PLAN.shortWindowMs : PLAN.windowMs;
	return await withQueueStack(
		{
			workers: PLAN.workers,
			workerConcurrency: PLAN.workerConcurrency,
			emulator: {
				latencyMs: PLAN.latencyMs,
				keys: sharedPlanKeys(PLAN.limit),
				rateLimitWindowMs: windowMs,
			},
			workflows: (credential) => [
				webhookWorkflow({
					id: WEBHOOK,
					credential,
					segmindOptions: {
						concurrency: PLAN.nodeConcurrency,
						rateLimitWait: PLAN.rateLimitWaitMs,
					},
				}),
			],
		},
		progress,
		async (stack) => {
			const requests = PLAN.executions * PLAN.itemsPerExecution;
			progress(
				`${PLAN.name}: ${requests} requests fired at once against ${PLAN.limit} per ${windowMs / 1000} s, ${Math.ceil(requests / PLAN.limit) - 1} windows of waiting`,
			);
			stack.emulator.reset();
			const bodies = executionBodies(PLAN.name, PLAN.executions, PLAN.itemsPerExecution);
			const fired = await fireAtOnce(stack, WEBHOOK, bodies);
			const { log } = stack.emulator;
			const usage = planUsage(log, sharedPlanLabel, windowMs - PLAN.admissionSlackMs);
			const first = Math.min(...log.map((entry) => entry.receivedAt));
			const lastBilled = Math.max(
				...log.filter((entry) => entry.status === 200).map((entry) => entry.receivedAt),
			);
			return {
				...fired,
				windowMs,
				usage,
				windows: Math.floor((lastBilled - first) / windowMs) + 1,
				firstToLastBilledMs: lastBilled - first,
			};
		},
	);
}

export const sharedPlan = defineRow<SharedPlanRun>({
	name: PLAN.name,
	summary: `queue mode, ${PLAN.workers} workers: ${PLAN.executions * PLAN.itemsPerExecution} requests fired at once on one plan of ${PLAN.limit} a minute (about 3 minutes)`,
	slow: true,
	shortens: true,
	workflows: () => [],
	measure: runSharedPlan,
	render: (run) => {
		const { usage, windows, windowMs } = run;
		const capacity = PLAN.limit * windows;
		const share = usage.billed / capacity;
		const window = `${windowMs / 1000} s`;
		const repeats = [
			`billed twice ${usage.billedTwice.length}`,
			`sent again after another answer than 429 ${usage.repeatedForOtherReasons.length}`,
			`never billed ${usage.neverBilled.length}`,
			`other statuses ${JSON.stringify(usage.otherStatuses)}`,
		];
		return {
			details: [
				`${PLAN.name}, ${PLAN.workers} workers (n8n worker --concurrency=${PLAN.workerConcurrency}), one plan of ${PLAN.limit} requests per ${window} window: ${PLAN.executions} executions of ${PLAN.itemsPerExecution} items fired at once through the published webhook (the Segmind node at concurrency ${PLAN.nodeConcurrency}, rateLimitWait ${PLAN.rateLimitWaitMs} ms, L = ${PLAN.latencyMs} ms), answered after ${ms(run.wallMs)} ms; executions per worker ${run.perWorker.join(' / ')}. ${usage.requests} requests: ${usage.billed} billed (200), ${usage.rateLimited} turned away (429); ${repeats.join(', ')}. From the first request to the last billed one ${(run.firstToLastBilledMs / 1000).toFixed(1)} s: ${windows} windows of ${window}, capacity ${capacity}; most billed within any ${(windowMs - PLAN.admissionSlackMs) / 1000} s ${usage.busiestSpan}; items not ok ${run.failedItems}.`,
			],
			targets: [
				{
					what: `${PLAN.name}: billed requests / (${PLAN.limit} x ${window} windows from the first request), ${PLAN.workers} workers`,
					target: `>= ${TARGET_SHARE * 100}%`,
					measured: `${(share * 100).toFixed(1)}% (${usage.billed} / ${capacity})`,
					verdict: atLeast(share, TARGET_SHARE),
				},
				{
					what: `${PLAN.name}: items failed`,
					target: '0',
					measured: String(run.failedItems),
					verdict: atMost(run.failedItems, 0),
				},
			],
		};
	},
});
