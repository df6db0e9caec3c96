// Examples 7 and 8 in a real n8n 2.x: the Segmind Chat Model under an AI Agent (with Simple
// Memory and a Calculator tool) and under a Basic LLM Chain, against the local Segmind emulator.
// n8n 1.x has no AI node SDK: there examples.test.ts proves the package still loads.
import {
	DEMO_API_KEY,
	NO_CREDITS_API_KEY,
	startEmulator,
	type Emulator,
	type RequestLogEntry,
} from '../../emulator/server';
import { e2eLine } from '../../scripts/n8n/e2e-line';
import {
	createSandbox,
	nodeItems,
	nodeJson,
	type N8nSandbox,
	type WorkflowRun,
} from '../../scripts/n8n/sandbox';
import { loadExample } from './example-workflows';

const demoCredential = { id: 'segmindEmulator1', name: 'Segmind (local emulator)' };
const noCreditsCredential = { id: 'segmindNoCredits', name: 'Segmind (no credits)' };
const keys = [DEMO_API_KEY, NO_CREDITS_API_KEY];

const agentExample = loadExample('agentWithModel');
const chainExample = loadExample('summarizeWithModel');
const question = 'What is 6 * 7? Use the calculator.';

/** Example 7 with the model on the account that has no credits left. */
const agentWithoutCredits = {
	...structuredClone(agentExample),
	id: 'segmindNoCredits7',
	name: 'Segmind example 7 on an empty account',
	nodes: agentExample.nodes.map((node) =>
		node.type === 'n8n-nodes-segmind.lmChatSegmind'
			? { ...structuredClone(node), credentials: { segmindApi: noCreditsCredential } }
			: node,
	),
};

const bodies = (log: RequestLogEntry[]) => log.map((entry) => entry.body);

/** What the sub-node reported to n8n for each model call: n8n's own token accounting. */
const modelCalls = (run: WorkflowRun) =>
	run.data.resultData.runData['Segmind Chat Model'].map(
		(_, runIndex) =>
			nodeItems(run, 'Segmind Chat Model', { runIndex, connection: 'ai_languageModel' })[0].json,
	);

const calculatorTool = {
	type: 'function',
	function: {
		name: 'Calculator',
		description: expect.stringContaining('math expression'),
		parameters: {
			type: 'object',
			properties: { input: { type: 'string' } },
			additionalProperties: false,
		},
	},
};

const describeOnV2 = e2eLine() === 'v2' ? describe : describe.skip;

describeOnV2('the Segmind Chat Model under n8n’s AI nodes (v2)', () => {
	let emulator: Emulator;
	let sandbox: N8nSandbox;

	async function execute(workflowId: string, expectStatus = 'success') {
		emulator.reset();
		const run = await sandbox.execute(workflowId, { expectStatus });
		for (const key of keys) {
			expect(sandbox.lastOutput).not.toContain(key);
			expect(JSON.stringify(run)).not.toContain(key);
		}
		return { run, log: [...emulator.log] };
	}

	beforeAll(async () => {
		emulator = await startEmulator();
		sandbox = await createSandbox();
		await sandbox.importCredentials([
			{
				...demoCredential,
				type: 'segmindApi',
				data: { apiKey: DEMO_API_KEY, baseUrl: emulator.url },
			},
			{
				...noCreditsCredential,
				type: 'segmindApi',
				data: { apiKey: NO_CREDITS_API_KEY, baseUrl: emulator.url },
			},
		]);
		await sandbox.importWorkflows([agentExample, chainExample, agentWithoutCredits]);
	});

	afterAll(async () => {
		await sandbox?.dispose();
		await emulator?.close();
	});

	afterEach(() => emulator.configure({ dropTools: false }));

	test('7: the agent calls the Calculator through a tool call and answers with its result', async () => {
		const { run, log } = await execute(agentExample.id);

		expect(nodeItems(run, 'Calculator', { connection: 'ai_tool' })[0].json).toEqual({
			response: '42',
		});
		const [firstCall, secondCall] = log;
		const callId = `call_emulator_${firstCall.seq}`;
		expect(bodies(log)).toEqual([
			{ messages: [{ role: 'user', content: question }], tools: [calculatorTool] },
			{
				messages: [
					{ role: 'user', content: question },
					{
						role: 'assistant',
						content: null,
						tool_calls: [
							{
								id: callId,
								type: 'function',
								function: {
									name: 'Calculator',
									arguments: expect.stringContaining('"input":"6 * 7"'),
								},
							},
						],
					},
					{ role: 'tool', tool_call_id: callId, content: expect.stringContaining('42') },
				],
				tools: [calculatorTool],
			},
		]);
		expect([firstCall.status, secondCall.status]).toEqual([200, 200]);
		const toolResult = (secondCall.body as { messages: Array<{ content: string }> }).messages[2]
			.content;
		expect(nodeJson(run, 'AI Agent')).toEqual([
			{ output: `Echo (gpt-4o, 3 messages): ${toolResult}` },
		]);
		// Usage goes to n8n's token accounting, as its own chat models report it.
		expect(modelCalls(run)).toEqual([
			expect.objectContaining({
				tokenUsage: { promptTokens: 8, completionTokens: 3, totalTokens: 11 },
			}),
			expect.objectContaining({
				tokenUsage: expect.objectContaining({ completionTokens: expect.any(Number) }),
			}),
		]);
	});

	test('7 with tools dropped, as Segmind’s gateway does today: the agent still answers', async () => {
		emulator.configure({ dropTools: true });
		const { run, log } = await execute(agentExample.id);
		expect(log.map((entry) => entry.status)).toEqual([200]);
		expect(nodeJson(run, 'AI Agent')).toEqual([
			{ output: `Echo (gpt-4o, 1 messages): ${question}` },
		]);
		expect(run.data.resultData.runData.Calculator).toBeUndefined();
	});

	test('8: the Basic LLM Chain summarizes through the Segmind model', async () => {
		const { run, log } = await execute(chainExample.id);
		const prompt =
			'Summarize in one sentence: n8n is a workflow automation tool that connects apps, APIs and AI models with nodes.';
		expect(bodies(log)).toEqual([
			{ messages: [{ role: 'user', content: prompt }], max_tokens: 200 },
		]);
		expect(nodeItems(run, 'Summarize')).toEqual([
			{ json: { text: `Echo (gpt-4o, 1 messages): ${prompt}` }, pairedItem: { item: 0 } },
		]);
		expect(modelCalls(run)).toEqual([
			expect.objectContaining({
				tokenUsage: { promptTokens: 19, completionTokens: 23, totalTokens: 42 },
			}),
		]);
	});

	test('a 406 stops the run with "Not enough credits [insufficient_credits]"', async () => {
		const { run, log } = await execute(agentWithoutCredits.id, 'error');
		expect(log.map((entry) => entry.status)).toEqual([406]);
		expect(run.data.resultData.error).toMatchObject({
			message: 'Not enough credits [insufficient_credits]',
			description: 'Status code: 406. Remaining credits: 0. Not enough credits',
		});
	});
});
