// The queue-mode rows' runs: a queue-mode stack of their own (Redis, Postgres, n8n's main
// process and workers, an emulator; see scripts/queue), executions of its published Webhook
// workflow fired at once, and what they answered.
import { fireExecutions, type ExecutionAnswer } from '../scripts/queue/fire-executions';
import {
	startQueueStack,
	type QueueStack,
	type QueueStackOptions,
} from '../scripts/queue/queue-stack';
import type { WebhookBody } from '../scripts/queue/webhook-workflow';

/** Starts a stack (the package is built by `npm run bench`), runs `work`, and stops it. */
export async function withQueueStack<T>(
	options: QueueStackOptions,
	progress: (text: string) => void,
	work: (stack: QueueStack) => Promise<T>,
): Promise<T> {
	const stack = await startQueueStack({
		build: false,
		log: (line) => progress(`queue-mode stack: ${line.trim()}`),
		...options,
	});
	try {
		return await work(stack);
	} finally {
		await stack.stop();
	}
}

/** Every item asks something no other item asks, so repeats in the emulator's log are resends. */
export const executionBodies = (run: string, executions: number, items: number): WebhookBody[] =>
	Array.from({ length: executions }, (_, execution) => ({
		items: Array.from({ length: items }, (_, item) => ({
			prompt: `${run}: execution ${execution + 1}, item ${item + 1}`,
		})),
	}));

export interface Fired {
	/** From sending the first execution's request to the last answer. */
	wallMs: number;
	/** Items that did not end `ok`, those of an execution that failed as a whole included. */
	failedItems: number;
	/** Executions each worker started meanwhile, by its log. */
	perWorker: number[];
}

const startedPerWorker = (stack: QueueStack) =>
	stack.workers.map((worker) => worker.log().match(/Worker started execution/g)?.length ?? 0);

function failedItemsOf(answer: ExecutionAnswer, sent: WebhookBody): number {
	if (answer.status !== 200 || !Array.isArray(answer.body)) return sent.items.length;
	const items = answer.body as Array<{ status?: string }>;
	const ok = items.filter((item) => item.status === 'ok').length;
	return sent.items.length - Math.min(ok, sent.items.length);
}

/** Fires one execution per body at the published webhook, all at once, and waits for them all. */
export async function fireAtOnce(
	stack: QueueStack,
	webhookPath: string,
	bodies: WebhookBody[],
): Promise<Fired> {
	const before = startedPerWorker(stack);
	const started = performance.now();
	const answers = await fireExecutions(stack.webhookUrl(webhookPath), bodies);
	const wallMs = performance.now() - started;
	return {
		wallMs,
		failedItems: answers.reduce(
			(sum, answer, index) => sum + failedItemsOf(answer, bodies[index]),
			0,
		),
		perWorker: startedPerWorker(stack).map((count, index) => count - before[index]),
	};
}
