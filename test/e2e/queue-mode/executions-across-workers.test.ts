// n8n in queue mode, as users scale it out: Redis, Postgres, a main process and two workers
// sharing one user folder with this package installed. Fifty executions of a published Webhook
// workflow (20 items each through the Segmind node, concurrency 5) are fired at once: both
// workers take work, every item is answered in order, and, when the one plan they share has a
// rate limit far below what they ask for, every item still ends ok with nothing billed twice.
import { e2eLine } from '../../../scripts/n8n/e2e-line';
import { fireExecutions, type ExecutionAnswer } from '../../../scripts/queue/fire-executions';
import { planUsage } from '../../../scripts/queue/plan-usage';
import { startQueueStack, type QueueStack } from '../../../scripts/queue/queue-stack';
import {
	sharedPlanApiKey,
	sharedPlanKeys,
	sharedPlanLabel,
} from '../../../scripts/queue/shared-plan';
import type { WorkflowJson } from '../../../scripts/n8n/sandbox';
import type { CredentialRef } from '../../../scripts/n8n/rest';
import {
	webhookNode,
	webhookWorkflow,
	type WebhookBody,
} from '../../../scripts/queue/webhook-workflow';

const executions = 50;
const itemsPerExecution = 20;
const model = 'gpt-4.5-preview';

// The shared plan's limit in the second test: its 1,000 requests take about a minute at 100 per
// 6 s, while the cluster sends them several times faster than that without a limit.
const limitPerWindow = 100;
const windowMs = 6_000;
// The log holds arrival times; the emulator admits a request once its body is read, a moment later.
const admissionSlackMs = 500;

const unlimited = { id: 'queue-unlimited', segmindOptions: { concurrency: 5 } };

// Images on workers: a Webhook execution fetches an image (binary data, which n8n keeps in
// Postgres in queue mode, not in the item) and the Segmind node sends it from there.
const imageExecutions = 10;
const imageWorkflowId = 'queue-images';
const imageWorkflow = (credential: CredentialRef): WorkflowJson => ({
	id: imageWorkflowId,
	name: 'Queue mode: an image from binary data',
	settings: { executionOrder: 'v1' },
	nodes: [
		webhookNode(imageWorkflowId),
		{
			id: 'fetch',
			name: 'Fetch the image',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [220, 0],
			parameters: {
				url: '={{ $json.body.imageUrl }}',
				options: { response: { response: { responseFormat: 'file' } } },
			},
		},
		{
			id: 'segmind',
			name: 'Describe it',
			type: 'n8n-nodes-segmind.segmindGpt45',
			typeVersion: 1,
			position: [440, 0],
			parameters: {
				operation: 'message',
				inputMode: 'define',
				messages: { values: [{ role: 'user', content: 'What is in this picture?' }] },
				options: { model: 'gpt-4o', imageFields: 'data', includeMessages: false },
			},
			credentials: { segmindApi: credential },
		},
	],
	connections: {
		Webhook: { main: [[{ node: 'Fetch the image', type: 'main', index: 0 }]] },
		'Fetch the image': { main: [[{ node: 'Describe it', type: 'main', index: 0 }]] },
	},
});
// maxRetries 0: a 429 must not count as a retry, so any item that gives up on one fails the test.
const sharedPlan = {
	id: 'queue-shared-plan',
	segmindOptions: { concurrency: 5, maxRetries: 0, rateLimitWait: 120_000 },
};

interface OutputItem {
	reply: string | null;
	status: string;
	error?: string;
}

/** Every item asks something no other item asks: repeats in the emulator's log are resends. */
function bodies(run: string): WebhookBody[] {
	return Array.from({ length: executions }, (_, execution) => ({
		items: Array.from({ length: itemsPerExecution }, (_, item) => ({
			prompt: `${run}: execution ${execution + 1}, item ${item + 1}`,
		})),
	}));
}

/** How many output items ended with each status, over all executions. */
function itemStatusCounts(answers: ExecutionAnswer[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const answer of answers)
		for (const item of answer.body as OutputItem[])
			counts[item.status] = (counts[item.status] ?? 0) + 1;
	return counts;
}

const echoOf = (prompt: string) => `Echo (${model}, 1 messages): ${prompt}`;

/**
 * Every execution answered 200 with one item per prompt, in order, each ok with the emulator's
 * echo of its own prompt. (The status count first: it says in one line what went wrong.)
 */
function expectEveryItemAnsweredInOrder(sent: WebhookBody[], answers: ExecutionAnswer[]) {
	expect(answers.map((answer) => answer.status)).toEqual(sent.map(() => 200));
	expect(itemStatusCounts(answers)).toEqual({ ok: executions * itemsPerExecution });
	expect(
		answers.map((answer) => (answer.body as OutputItem[]).map((item) => [item.reply, item.status])),
	).toEqual(sent.map((body) => body.items.map(({ prompt }) => [echoOf(prompt), 'ok'])));
}

/** Executions each worker has started so far, by its log. */
const startedPerWorker = () =>
	stack.workers.map((worker) => worker.log().match(/Worker started execution/g)?.length ?? 0);

/**
 * Fires the 50 executions of one run at a workflow; returns what was sent, what came back and
 * how many executions each worker started meanwhile.
 */
async function fire(workflowId: string, run: string, label: string) {
	const sent = bodies(run);
	const before = startedPerWorker();
	const answers = await timed(label, () => fireExecutions(stack.webhookUrl(workflowId), sent));
	const perWorker = startedPerWorker().map((count, index) => count - before[index]);
	return { sent, answers, perWorker };
}

// The stack runs n8n 2.41.1 whatever line the rest of the e2e suite is run against.
const onN8nV2 = e2eLine() === 'v2' ? describe : describe.skip;

let stack: QueueStack;
const timings: string[] = [];

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	const result = await work();
	timings.push(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return result;
}

onN8nV2('n8n 2.41.1 in queue mode, main and two workers', () => {
	beforeAll(async () => {
		stack = await timed('queue-mode stack started', () =>
			startQueueStack({
				workflows: (credential) =>
					[
						...[unlimited, sharedPlan].map((workflow) => webhookWorkflow({ ...workflow, credential })),
						imageWorkflow(credential),
					],
				build: false,
				log: () => {},
			}),
		);
	});

	afterAll(async () => {
		if (stack) await timed('queue-mode stack stopped', () => stack.stop());
		process.stderr.write(`Queue-mode e2e timings:\n  ${timings.join('\n  ')}\n`);
	});

	beforeEach(() => {
		stack.emulator.reset();
	});

	test('50 webhook executions fired at once run on both workers, every item answered in order with the shared credential', async () => {
		stack.emulator.configure({ keys: sharedPlanKeys() });
		const { sent, answers, perWorker } = await fire(
			unlimited.id,
			'unlimited',
			'50 executions x 20 items, no limit',
		);

		expectEveryItemAnsweredInOrder(sent, answers);
		// Both workers took work, and together they ran every execution.
		expect(perWorker.every((count) => count > 0)).toBe(true);
		expect(perWorker.reduce((sum, count) => sum + count, 0)).toBe(executions);
		// The workers decrypted the credential: every request carried the plan's key.
		const usage = planUsage(stack.emulator.log, sharedPlanLabel, windowMs);
		expect(stack.emulator.log.every((entry) => entry.keyLabel === sharedPlanLabel)).toBe(true);
		expect(usage).toMatchObject({ requests: 1000, billed: 1000, billedTwice: [] });
		// The key stays out of the outputs and of every n8n process's log.
		expect(JSON.stringify(answers)).not.toContain(sharedPlanApiKey);
		for (const n8nProcess of [stack.main, ...stack.workers])
			expect(n8nProcess.log()).not.toContain(sharedPlanApiKey);
	});

	test('50 executions on two workers share one rate-limited plan: every item ends ok, 429s are the only resends, nothing is billed twice', async () => {
		stack.emulator.configure({ keys: sharedPlanKeys(limitPerWindow), rateLimitWindowMs: windowMs });
		const { sent, answers, perWorker } = await fire(
			sharedPlan.id,
			'shared plan',
			'50 executions x 20 items, 100 requests per 6 s',
		);

		expectEveryItemAnsweredInOrder(sent, answers);
		const usage = planUsage(stack.emulator.log, sharedPlanLabel, windowMs - admissionSlackMs);
		expect(usage).toMatchObject({
			billed: executions * itemsPerExecution,
			otherStatuses: {},
			billedTwice: [],
			repeatedForOtherReasons: [],
			neverBilled: [],
		});
		// The limit was met: the plan turned requests away, and the cluster kept within it.
		expect(usage.rateLimited).toBeGreaterThan(0);
		expect(usage.requests).toBe(usage.billed + usage.rateLimited);
		expect(usage.busiestSpan).toBeLessThanOrEqual(limitPerWindow);
		expect(perWorker.every((count) => count > 0)).toBe(true);
	});

	test('an image from binary data reaches the API from the workers, through n8n\'s binary helpers', async () => {
		stack.emulator.configure({ keys: sharedPlanKeys() });
		const imageUrl = `${stack.emulator.url}/samples/cat.png`;
		const before = startedPerWorker();
		const answers = await timed(`${imageExecutions} executions with an image`, () =>
			fireExecutions(
				stack.webhookUrl(imageWorkflowId),
				Array.from({ length: imageExecutions }, () => ({ imageUrl })),
			),
		);
		const perWorker = startedPerWorker().map((count, index) => count - before[index]);

		expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
		expect(answers.map((answer) => (answer.body as OutputItem[]).map((item) => [item.status, item.reply]))).toEqual(
			answers.map(() => [['ok', 'Echo (gpt-4o, 1 messages, 1 images): What is in this picture?']]),
		);
		expect(perWorker.reduce((sum, count) => sum + count, 0)).toBe(imageExecutions);
		// The image went as a base64 data URL, once per execution.
		const chats = stack.emulator.log.filter((entry) => entry.kind === 'chat');
		expect(chats).toHaveLength(imageExecutions);
		expect(JSON.stringify(chats[0].body)).toContain('data:image/png;base64,');
	});
});
