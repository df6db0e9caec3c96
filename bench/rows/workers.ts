// Throughput in n8n's queue mode: the same executions of a published Webhook workflow fired at
// once through 1, then 2 workers (a stack each), as executions per minute and items per second.
import { sharedPlanLabel } from '../../scripts/queue/shared-plan';
import { webhookWorkflow } from '../../scripts/queue/webhook-workflow';
import { list, ratio } from '../format';
import { executionBodies, fireAtOnce, withQueueStack, type Fired } from '../queueMode';
import { maxInFlight, sentWith } from '../requestLog';
import { median } from '../stats';
import { defineRow, type RowContext } from './row';

const WORKERS = {
	name: 'workers',
	workerCounts: [1, 2],
	/** One firing takes 20 to 40 s on two cores (150 took 20 s through either count, machine busy). */
	executions: 250,
	shortExecutions: 10,
	itemsPerExecution: 20,
	latencyMs: 100,
	/** n8n's default `n8n worker --concurrency`. */
	workerConcurrency: 10,
	/** The Segmind node's own concurrency within an execution (its default). */
	nodeConcurrency: 5,
	/** Executions fired once before the timed ones, so that no worker is timed warming up. */
	warmUpExecutions: 4,
};
const WEBHOOK = 'bench-workers';

interface FiredRun extends Fired {
	inFlight: number;
}

interface WorkerCountRuns {
	workers: number;
	runs: FiredRun[];
}

interface WorkersResult {
	executions: number;
	counts: WorkerCountRuns[];
}

async function measureWorkerCount(
	{ progress, runs }: RowContext,
	workers: number,
	executions: number,
): Promise<WorkerCountRuns> {
	const { itemsPerExecution, latencyMs, workerConcurrency, nodeConcurrency } = WORKERS;
	return await withQueueStack(
		{
			workers,
			workerConcurrency,
			emulator: { latencyMs },
			workflows: (credential) => [
				webhookWorkflow({
					id: WEBHOOK,
					credential,
					segmindOptions: { concurrency: nodeConcurrency },
				}),
			],
		},
		progress,
		async (stack) => {
			const warmUp = executionBodies('warm-up', WORKERS.warmUpExecutions, itemsPerExecution);
			await fireAtOnce(stack, WEBHOOK, warmUp);
			const measured: FiredRun[] = [];
			for (let run = 0; run < runs; run++) {
				stack.emulator.reset();
				const bodies = executionBodies(`run ${run + 1}`, executions, itemsPerExecution);
				const fired = await fireAtOnce(stack, WEBHOOK, bodies);
				if (fired.failedItems > 0)
					throw new Error(`${WORKERS.name}: ${fired.failedItems} items did not end ok`);
				const sent = sentWith(stack.emulator.log, sharedPlanLabel);
				measured.push({ ...fired, inFlight: maxInFlight(sent) });
				progress(
					`${WORKERS.name}, ${workers} worker(s), run ${run + 1}/${runs}: ${executions} executions in ${(fired.wallMs / 1000).toFixed(1)} s (per worker ${fired.perWorker.join(' / ')})`,
				);
			}
			return { workers, runs: measured };
		},
	);
}

const perMinute = (executions: number, wallMs: number) => (executions * 60_000) / wallMs;
const perSecond = (items: number, wallMs: number) => (items * 1000) / wallMs;
const medianWallMs = ({ runs }: WorkerCountRuns) => median(runs.map((run) => run.wallMs));
const workersName = (count: number) => `${count} worker${count === 1 ? '' : 's'}`;

export const workers = defineRow<WorkersResult>({
	name: WORKERS.name,
	summary: `queue mode, executions of ${WORKERS.itemsPerExecution} items at L = ${WORKERS.latencyMs} ms through ${WORKERS.workerCounts.join(', then ')} workers: executions per minute, items per second`,
	slow: true,
	shortens: true,
	workflows: () => [],
	measure: async (context) => {
		const executions = context.short ? WORKERS.shortExecutions : WORKERS.executions;
		const counts: WorkerCountRuns[] = [];
		for (const count of WORKERS.workerCounts) {
			context.progress(
				`${WORKERS.name}: starting a queue-mode stack with ${workersName(count)}, then ${context.runs} x ${executions} executions`,
			);
			counts.push(await measureWorkerCount(context, count, executions));
		}
		return { executions, counts };
	},
	render: ({ executions, counts }) => {
		const items = executions * WORKERS.itemsPerExecution;
		const [first] = counts;
		return {
			table: {
				columns: [
					'row',
					'executions x items',
					'L (ms)',
					'worker concurrency',
					'node concurrency',
					...counts.flatMap(({ workers: count }) => [
						`${workersName(count)}: executions/min`,
						`${workersName(count)}: items/s`,
					]),
					...counts.slice(1).map(({ workers: count }) => `throughput, ${workersName(count)} / 1`),
				],
				cells: [
					WORKERS.name,
					`${executions} x ${WORKERS.itemsPerExecution}`,
					String(WORKERS.latencyMs),
					String(WORKERS.workerConcurrency),
					String(WORKERS.nodeConcurrency),
					...counts.flatMap((count) => [
						perMinute(executions, medianWallMs(count)).toFixed(0),
						perSecond(items, medianWallMs(count)).toFixed(1),
					]),
					...counts.slice(1).map((count) => ratio(medianWallMs(first), medianWallMs(count))),
				],
			},
			details: counts.map(
				({ workers: count, runs }) =>
					`${WORKERS.name}, ${workersName(count)} (n8n worker --concurrency=${WORKERS.workerConcurrency}, the Segmind node at concurrency ${WORKERS.nodeConcurrency}): ${executions} executions of ${WORKERS.itemsPerExecution} items fired at once through the published webhook, answered after ${list(runs.map((run) => run.wallMs))} ms; executions per worker ${runs.map((run) => run.perWorker.join(' / ')).join('; ')}; most requests in flight ${runs.map((run) => run.inFlight).join(', ')}.`,
			),
			targets: [],
		};
	},
});
