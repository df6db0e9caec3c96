// Example 6 in a real n8n (2.x; E2E_N8N_LINE=v1 for 1.x) against the emulator: a question
// submitted through Segmind's queue (v2) with a 3 s timeout. A quick answer takes the `ok`
// branch; a slow one times out, waits in n8n's Wait node and is collected by Get Queued Result,
// billed once.
import { DEMO_API_KEY, startEmulator, type Emulator } from '../../emulator/server';
import { e2eLine } from '../../scripts/n8n/e2e-line';
import { createSandbox, nodeJson, type N8nSandbox } from '../../scripts/n8n/sandbox';
import { loadExample } from './example-workflows';

const example = loadExample('queuedAnswer');
const question = 'Write a short essay on why the sky is blue.';
const reply = `Echo (gpt-4.5-preview, 1 messages): ${question}`;

describe(`example 6, a long answer through the queue (n8n ${e2eLine()})`, () => {
	let emulator: Emulator;
	let sandbox: N8nSandbox;

	beforeAll(async () => {
		emulator = await startEmulator();
		sandbox = await createSandbox();
		await sandbox.importCredential({
			id: 'segmindEmulator1',
			name: 'Segmind (local emulator)',
			type: 'segmindApi',
			data: { apiKey: DEMO_API_KEY, baseUrl: emulator.url },
		});
		await sandbox.importWorkflow(example);
	});

	beforeEach(() => emulator.reset());

	afterAll(async () => {
		await sandbox?.dispose();
		await emulator?.close();
	});

	test('a quick answer is used at once', async () => {
		emulator.configure({ latencyMs: 200 });
		const run = await sandbox.execute(example.id);
		const [submitted] = nodeJson(run, 'Submit');
		expect(submitted).toMatchObject({ status: 'ok', reply, requestId: expect.any(String) });
		expect(nodeJson(run, 'Use the answer')).toEqual([
			{ answer: reply, requestId: submitted.requestId },
		]);
		expect(emulator.queued()).toEqual([
			expect.objectContaining({ requestId: submitted.requestId, charged: true }),
		]);
	});

	test('a slow answer times out, waits, and is collected once, billed once', async () => {
		// Ready 4 s after the submit: past Submit's 3 s timeout, before the 5 s Wait ends.
		emulator.configure({ latencyMs: 4_000 });
		const run = await sandbox.execute(example.id);
		const [submitted] = nodeJson(run, 'Submit');
		expect(submitted).toMatchObject({ status: 'timeout', reply: null, requestId: expect.any(String) });
		const [collected] = nodeJson(run, 'Get Queued Result');
		expect(collected).toMatchObject({
			status: 'ok',
			reply,
			requestId: submitted.requestId,
			model: null,
		});
		expect(nodeJson(run, 'Use the collected answer')[0]).toMatchObject({ answer: reply, status: 'ok' });
		const submits = emulator.log.filter((entry) => entry.kind === 'submit');
		expect(submits).toHaveLength(1);
		expect(emulator.queued()).toEqual([
			expect.objectContaining({ requestId: submitted.requestId, charged: true }),
		]);
		expect(JSON.stringify(run)).not.toContain(DEMO_API_KEY);
	});
});
