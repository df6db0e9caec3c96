// The Segmind node's files in n8n's queue mode (main, two workers, Redis, Postgres; binary data
// in Postgres, the queue-mode default): an output file downloaded on a worker lands in the
// execution's binary data, where a later node reads the same bytes back; an input file another
// node fetched is read on a worker and uploaded through Input Files.
import { createHash } from 'crypto';

import { e2eLine } from '../../../scripts/n8n/e2e-line';
import type { WorkflowJson } from '../../../scripts/n8n/sandbox';
import { fireExecutions } from '../../../scripts/queue/fire-executions';
import type { CredentialRef } from '../../../scripts/n8n/rest';
import { startQueueStack, type QueueStack } from '../../../scripts/queue/queue-stack';
import { sharedPlanKeys } from '../../../scripts/queue/shared-plan';
import { webhookNode } from '../../../scripts/queue/webhook-workflow';

const outputWorkflowId = 'queue-output-file';
const inputWorkflowId = 'queue-input-file';

const link = (node: string) => ({ main: [[{ node, type: 'main', index: 0 }]] });

/**
 * Reads each item's file back through n8n's binary helpers on the worker: its bytes (base64,
 * hashed by the test: the stack's Code node may not load crypto) and where n8n keeps it.
 */
const readBackCode = `const items = $input.all();
const out = [];
for (let i = 0; i < items.length; i++) {
	const bytes = await this.helpers.getBinaryDataBuffer(i, 'data');
	out.push({ json: {
		status: items[i].json.status,
		url: items[i].json.files[0].url,
		binaryId: items[i].binary.data.id ?? null,
		base64: bytes.toString('base64'),
	} });
}
return out;`;

const segmindNode = (credential: CredentialRef, parameters: Record<string, unknown>) => ({
	id: 'segmind',
	name: 'Run the model',
	type: 'n8n-nodes-segmind.segmind',
	typeVersion: 1,
	position: [440, 0],
	parameters: { resource: 'model', operation: 'run', parametersMode: 'json', ...parameters },
	credentials: { segmindApi: credential },
});

const outputWorkflow = (credential: CredentialRef): WorkflowJson => ({
	id: outputWorkflowId,
	name: 'Queue mode: an output file',
	settings: { executionOrder: 'v1' },
	nodes: [
		webhookNode(outputWorkflowId),
		segmindNode(credential, {
			model: { __rl: true, mode: 'id', value: 'flux-schnell' },
			parametersJson: '={{ JSON.stringify({ prompt: $json.body.prompt }) }}',
			options: { requestMode: 'queue', pollInterval: 250 },
		}),
		{
			id: 'read-back',
			name: 'Read the file back',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [660, 0],
			parameters: { jsCode: readBackCode },
		},
	],
	connections: { Webhook: link('Run the model'), 'Run the model': link('Read the file back') },
});

const inputWorkflow = (credential: CredentialRef): WorkflowJson => ({
	id: inputWorkflowId,
	name: 'Queue mode: an input file',
	settings: { executionOrder: 'v1' },
	nodes: [
		webhookNode(inputWorkflowId),
		{
			id: 'fetch',
			name: 'Fetch the photo',
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [220, 0],
			parameters: {
				url: '={{ $json.body.imageUrl }}',
				options: { response: { response: { responseFormat: 'file' } } },
			},
		},
		segmindNode(credential, {
			model: { __rl: true, mode: 'id', value: 'kling-image2video' },
			parametersJson: '{"prompt": "the cat blinks"}',
			binaryInputs: { values: [{ parameter: 'image', binaryPropertyName: 'data', sendAs: 'upload' }] },
			options: { requestMode: 'queue', pollInterval: 250 },
		}),
	],
	connections: { Webhook: link('Fetch the photo'), 'Fetch the photo': link('Run the model') },
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function fetchBytes(url: string): Promise<Buffer> {
	const response = await fetch(url);
	expect(response.status).toBe(200);
	return Buffer.from(await response.arrayBuffer());
}

// The stack runs n8n 2.41.1 whatever line the rest of the e2e suite is run against.
const onN8nV2 = e2eLine() === 'v2' ? describe : describe.skip;

let stack: QueueStack;

/** Executions each worker has started so far, by its log. */
const startedPerWorker = () =>
	stack.workers.map((worker) => worker.log().match(/Worker started execution/g)?.length ?? 0);

onN8nV2('n8n 2.41.1 in queue mode: the Segmind node\'s files on workers, binary data in Postgres', () => {
	beforeAll(async () => {
		stack = await startQueueStack({
			workflows: (credential) => [outputWorkflow(credential), inputWorkflow(credential)],
			build: false,
			log: () => {},
		});
	});

	afterAll(async () => {
		if (stack) await stack.stop();
	});

	beforeEach(() => {
		stack.emulator.reset();
		stack.emulator.configure({ keys: sharedPlanKeys() });
	});

	test('an output file downloaded on a worker is in the execution\'s binary data (Postgres), and a later node reads the same bytes', async () => {
		const before = startedPerWorker();
		const [answer] = await fireExecutions(stack.webhookUrl(outputWorkflowId), [
			{ prompt: 'a lighthouse at dawn' },
		]);
		expect(answer).toMatchObject({ status: 200 });
		const [item] = answer.body as Array<{ status: string; url: string; binaryId: string | null; base64: string }>;
		expect(item).toMatchObject({ status: 'ok', binaryId: expect.stringMatching(/^database:/) });
		const served = await fetchBytes(item.url);
		const readBack = Buffer.from(item.base64, 'base64');
		expect({ sha256: sha256(readBack), bytes: readBack.length }).toEqual({ sha256: sha256(served), bytes: served.length });
		expect(startedPerWorker().reduce((sum, count, index) => sum + count - before[index], 0)).toBe(1);
		expect(stack.emulator.queued()).toEqual([expect.objectContaining({ charged: true })]);
	});

	test('an input file another node fetched is read on a worker and uploaded through Input Files', async () => {
		const imageUrl = `${stack.emulator.url}/samples/cat.png`;
		const cat = await fetchBytes(imageUrl);
		const before = startedPerWorker();
		const [answer] = await fireExecutions(stack.webhookUrl(inputWorkflowId), [{ imageUrl }]);
		expect(answer.status).toBe(200);
		const [item] = answer.body as Array<Record<string, unknown>>;
		expect(item).toMatchObject({
			status: 'ok',
			model: 'kling-image2video',
			files: [expect.objectContaining({ mimeType: 'video/mp4', binaryProperty: 'data' })],
		});
		expect(startedPerWorker().reduce((sum, count, index) => sum + count - before[index], 0)).toBe(1);
		const log = stack.emulator.log;
		expect(log.filter((entry) => entry.kind === 'upload')).toEqual([
			expect.objectContaining({ status: 200, body: { data_urls: [`data:image/png;base64,[${cat.length} bytes]`] } }),
		]);
		const submits = log.filter((entry) => entry.kind === 'submit');
		expect(submits).toHaveLength(1);
		const image = (submits[0].body as { image: string }).image;
		expect(sha256(await fetchBytes(image))).toBe(sha256(cat));
	});
});
