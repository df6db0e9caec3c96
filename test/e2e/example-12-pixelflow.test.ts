// Example 12 in a real n8n (2.x; E2E_N8N_LINE=v1 for 1.x) against the emulator: a PixelFlow run
// over two product rows, each submitted once and polled until done, its outputs by name and its
// image as binary data; a Switch on `status` sends finished runs to `ok`, a failed flow to the
// fallback, and a run that outlasts its timeout through Wait to Get Queued Result, billed once.
import * as fs from 'fs';
import * as path from 'path';

import { DEMO_API_KEY, PIXELFLOW_IDS, startEmulator, type Emulator } from '../../emulator/server';
import { e2eLine } from '../../scripts/n8n/e2e-line';
import {
	createSandbox,
	nodeItems,
	nodeJson,
	type N8nSandbox,
	type WorkflowRun,
} from '../../scripts/n8n/sandbox';
import { loadExample, type ExampleWorkflow, type WorkflowNode } from './example-workflows';

const example = loadExample('pixelflowRows');
const products = ['a leather backpack on a wooden table', 'a ceramic coffee mug with steam rising'];
const runNode = 'Run the PixelFlow';
const FILE_URL = /^http:\/\/127\.0\.0\.1:\d+\/files\/[0-9a-f]{24}\.png$/;

/** A copy of the example under another id, with some nodes changed (what the test varies). */
function variant(id: string, edit: Record<string, (node: WorkflowNode) => void>): ExampleWorkflow {
	const copy = structuredClone(example);
	copy.id = id;
	copy.name = `${example.name} (${id})`;
	for (const node of copy.nodes) edit[node.name]?.(node);
	return copy;
}

// The second row asks the emulator's flow to fail (a directive in its input).
const failingRow = variant('segmindExample12fail', {
	'Product rows': (node) => {
		node.parameters.jsCode = (node.parameters.jsCode as string).replace(
			products[1],
			`${products[1]} #emulate:model-failed`,
		);
	},
});

// The run outlasts a 2 s timeout (the emulator takes 4 s); Wait gives it 3 s more.
const timingOut = variant('segmindExample12wait', {
	[runNode]: (node) => {
		node.parameters.options = { pollInterval: 500, timeout: 2000 };
	},
	Wait: (node) => {
		node.parameters = { amount: 3, unit: 'seconds' };
	},
});

describe(`example 12, a PixelFlow over two rows (n8n ${e2eLine()})`, () => {
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
		await sandbox.importWorkflows([example, failingRow, timingOut]);
	});

	beforeEach(() => emulator.reset());

	afterAll(async () => {
		await sandbox?.dispose();
		await emulator?.close();
	});

	const kinds = () => emulator.log.map((entry) => entry.kind);
	const ran = (run: WorkflowRun) => Object.keys(run.data.resultData.runData).sort();

	test("the example uses the emulator's flow, the Segmind node at version 1 and node versions this n8n has", () => {
		const nodesJson = path.join(
			sandbox.install.release.installDir,
			'node_modules/n8n-nodes-base/dist/types/nodes.json',
		);
		const known = new Map<string, number[]>();
		for (const type of JSON.parse(fs.readFileSync(nodesJson, 'utf8')) as Array<{
			name: string;
			version: number | number[];
		}>) {
			known.set(type.name, (known.get(type.name) ?? []).concat(type.version));
		}
		const pixelflow = example.nodes.find((node) => node.name === runNode)!;
		expect(pixelflow.parameters).toMatchObject({
			resource: 'pixelflow',
			operation: 'run',
			workflowId: PIXELFLOW_IDS.imageAndText,
		});
		for (const node of example.nodes) {
			if (node.type.startsWith('n8n-nodes-segmind.')) {
				expect([node.name, node.type, node.typeVersion, node.credentials]).toEqual([
					node.name,
					'n8n-nodes-segmind.segmind',
					1,
					{ segmindApi: { id: 'segmindEmulator1', name: 'Segmind (local emulator)' } },
				]);
				continue;
			}
			expect({
				node: node.name,
				versions: known.get(node.type.replace(/^n8n-nodes-base\./, '')),
			}).toEqual({
				node: node.name,
				versions: expect.arrayContaining([node.typeVersion]),
			});
		}
	});

	test('both rows run once each: outputs by name, the image as binary data, both on the ok branch', async () => {
		const run = await sandbox.execute(example.id);
		const items = nodeItems(run, runNode);
		expect(items.map((item) => item.json)).toEqual(
			products.map((product) =>
				expect.objectContaining({
					success: true,
					status: 'ok',
					workflowId: PIXELFLOW_IDS.imageAndText,
					requestId: expect.any(String),
					outputs: { image: expect.stringMatching(FILE_URL), caption: `A picture of ${product}` },
					files: [expect.objectContaining({ mimeType: 'image/png', binaryProperty: 'data' })],
				}),
			),
		);
		for (const item of items) {
			expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileExtension: 'png' });
		}
		expect(nodeJson(run, 'Use the outputs')).toEqual(
			products.map((product, index) => ({
				product,
				caption: `A picture of ${product}`,
				imageUrl: (items[index].json.outputs as { image: string }).image,
				requestId: items[index].json.requestId,
			})),
		);
		// The image stays with the item past the Set node.
		expect(nodeItems(run, 'Use the outputs').map((item) => Object.keys(item.binary ?? {}))).toEqual(
			[['data'], ['data']],
		);
		expect(ran(run)).not.toContain('Report the failure');
		expect(ran(run)).not.toContain('Wait');

		const runs = emulator.log.filter((entry) => entry.kind === 'pixelflow-run');
		expect(runs.map((entry) => [entry.path, entry.body])).toEqual(
			expect.arrayContaining(
				products.map((product) => [
					`/workflows/${PIXELFLOW_IDS.imageAndText}`,
					{ prompt: product },
				]),
			),
		);
		expect(runs).toHaveLength(2);
		const polls = emulator.log.filter((entry) => entry.kind === 'pixelflow-poll');
		expect(polls.every((entry) => entry.path === `/workflows/request/${entry.requestId}`)).toBe(
			true,
		);
		const downloads = emulator.log.filter((entry) => entry.kind === 'file');
		expect(downloads.map((entry) => [entry.keyGiven, entry.status])).toEqual([
			[false, 200],
			[false, 200],
		]);
		expect(new Set(kinds())).toEqual(new Set(['pixelflow-run', 'pixelflow-poll', 'file']));
		expect(emulator.pixelflowRuns().map((record) => record.charged)).toEqual([true, true]);
		expect(JSON.stringify(run)).not.toContain(DEMO_API_KEY);
	});

	test("a flow that fails: its row takes the fallback branch with the flow's error, the other row ok", async () => {
		const run = await sandbox.execute(failingRow.id);
		const [first, second] = nodeJson(run, runNode);
		expect(first).toMatchObject({ status: 'ok' });
		expect(second).toMatchObject({
			success: false,
			status: 'failed',
			statusMessage: 'The PixelFlow failed',
			error: expect.any(String),
			outputs: null,
			files: [],
		});
		expect(nodeJson(run, 'Use the outputs').map((item) => item.product)).toEqual([products[0]]);
		expect(nodeJson(run, 'Report the failure')).toEqual([
			{
				alert: `PixelFlow run for "${products[1]} #emulate:model-failed" failed: The PixelFlow failed (failed): ${second.error as string}`,
			},
		]);
		expect(emulator.log.filter((entry) => entry.kind === 'pixelflow-run')).toHaveLength(2);
	});

	test('a run that outlasts its timeout waits and is collected by Get Queued Result, submitted and billed once', async () => {
		emulator.configure({ latencyMs: 4_000 });
		const run = await sandbox.execute(timingOut.id);
		const timedOut = nodeJson(run, runNode);
		expect(timedOut).toEqual(
			products.map(() =>
				expect.objectContaining({
					status: 'timeout',
					requestId: expect.any(String),
					outputs: null,
				}),
			),
		);
		const collected = nodeItems(run, 'Get Queued Result');
		expect(collected.map((item) => item.json)).toEqual(
			products.map((product, index) =>
				expect.objectContaining({
					status: 'ok',
					workflowId: null,
					requestId: timedOut[index].requestId,
					outputs: { image: expect.stringMatching(FILE_URL), caption: `A picture of ${product}` },
				}),
			),
		);
		expect(collected.map((item) => Object.keys(item.binary ?? {}))).toEqual([['data'], ['data']]);
		expect(nodeJson(run, 'Use the collected outputs')).toEqual(
			products.map((product, index) => ({
				product,
				caption: `A picture of ${product}`,
				status: 'ok',
				requestId: timedOut[index].requestId,
			})),
		);
		expect(emulator.log.filter((entry) => entry.kind === 'pixelflow-run')).toHaveLength(2);
		expect(emulator.pixelflowRuns().map((record) => record.charged)).toEqual([true, true]);
	});
});
