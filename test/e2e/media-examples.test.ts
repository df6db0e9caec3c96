// Examples 9, 10 and 11 (the Segmind node's media runs) imported into a real n8n (2.x;
// E2E_N8N_LINE=v1 for 1.x) and run from their Manual Trigger against the emulator: images from
// three prompts, a video with its status switch (and a timed-out run collected once, billed
// once), a photo sent to an image-to-video model through Input Files. Binary data is kept in the
// filesystem (n8n 2.x's default, set for 1.x too), and a later Code node reads an output file back.
import { createHash } from 'crypto';

import { DEMO_API_KEY, startEmulator, type Emulator } from '../../emulator/server';
import { e2eLine } from '../../scripts/n8n/e2e-line';
import {
	createSandbox,
	nodeItems,
	nodeJson,
	type N8nSandbox,
	type WorkflowJson,
} from '../../scripts/n8n/sandbox';
import { loadExample, type ExampleWorkflow, type WorkflowNode } from './example-workflows';

const examples = {
	images: loadExample('imagesFromPrompts'),
	video: loadExample('videoStatusSwitch'),
	photo: loadExample('photoToVideo'),
};

const ok = { success: true, statusCode: 200, status: 'ok', statusMessage: 'OK' };

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function fetchBytes(url: string): Promise<Buffer> {
	const response = await fetch(url);
	expect(response.status).toBe(200);
	return Buffer.from(await response.arrayBuffer());
}

const nodeNamed = (workflow: ExampleWorkflow, name: string): WorkflowNode => {
	const node = workflow.nodes.find((candidate) => candidate.name === name);
	if (!node) throw new Error(`${workflow.name} has no node "${name}"`);
	return node;
};

/** A copy of an example under another id, changed by `edit`. */
function variant(
	example: ExampleWorkflow,
	id: string,
	edit: (copy: ExampleWorkflow) => void,
): ExampleWorkflow {
	const copy = JSON.parse(JSON.stringify(example)) as ExampleWorkflow;
	copy.id = id;
	copy.name = `${example.name} (${id})`;
	edit(copy);
	return copy;
}

/** Reads each item's output file back through n8n's binary helpers and hashes its bytes. */
const hashCode = `const crypto = require('crypto');
const items = $input.all();
const out = [];
for (let i = 0; i < items.length; i++) {
	const bytes = await this.helpers.getBinaryDataBuffer(i, 'data');
	out.push({ json: {
		sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
		bytes: bytes.length,
		url: items[i].json.files[0].url,
	} });
}
return out;`;

describe(`examples 9-11, media runs with files (n8n ${e2eLine()})`, () => {
	let emulator: Emulator;
	let sandbox: N8nSandbox;
	const timedOut = variant(examples.video, 'segmindExample10t', (copy) => {
		const options = nodeNamed(copy, 'Generate a video').parameters.options as Record<string, unknown>;
		options.timeout = 3_000;
		options.pollInterval = 500;
		(nodeNamed(copy, 'Get Queued Result').parameters.options as Record<string, unknown>).pollInterval = 500;
	});
	const readBack = variant(examples.images, 'segmindExample09r', (copy) => {
		copy.nodes.push({
			id: 'e2e-read-back-code-node',
			name: 'Hash the image',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [960, 0],
			parameters: { jsCode: hashCode },
		});
		copy.connections['Generate an image'] = {
			main: [[{ node: 'Hash the image', type: 'main', index: 0 }]],
		};
	});

	beforeAll(async () => {
		emulator = await startEmulator();
		sandbox = await createSandbox({
			env: { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem', NODE_FUNCTION_ALLOW_BUILTIN: 'crypto' },
		});
		await sandbox.importCredential({
			id: 'segmindEmulator1',
			name: 'Segmind (local emulator)',
			type: 'segmindApi',
			data: { apiKey: DEMO_API_KEY, baseUrl: emulator.url },
		});
		// Example 11 fetches the sample image on the emulator's usual port: here it has its own.
		const fetchNode = nodeNamed(examples.photo, 'Fetch the photo');
		expect(fetchNode.parameters.url).toBe('http://127.0.0.1:4010/samples/cat.png');
		fetchNode.parameters.url = `${emulator.url}/samples/cat.png`;
		const workflows: WorkflowJson[] = [examples.images, examples.video, examples.photo, timedOut, readBack];
		await sandbox.importWorkflows(workflows);
	}, 300_000);

	beforeEach(() => emulator.reset());

	afterAll(async () => {
		await sandbox?.dispose();
		await emulator?.close();
	});

	test('example 9: three prompts, three images in binary data, each queued once', async () => {
		const run = await sandbox.execute(examples.images.id);
		const items = nodeItems(run, 'Generate an image');
		expect(items.map((item) => item.json)).toEqual(
			['lighthouse', 'fox', 'ramen'].map(() =>
				expect.objectContaining({
					...ok,
					model: 'flux-schnell',
					requestId: expect.any(String),
					files: [
						expect.objectContaining({
							url: expect.stringMatching(/\/files\/[0-9a-f]{24}\.png$/),
							mimeType: 'image/png',
							binaryProperty: 'data',
						}),
					],
				}),
			),
		);
		for (const item of items) {
			expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileExtension: 'png' });
		}
		const queued = emulator.queued();
		expect(queued).toHaveLength(3);
		expect(queued.every((record) => record.charged)).toBe(true);
		const prompts = emulator.log
			.filter((entry) => entry.kind === 'submit')
			.map((entry) => (entry.body as { prompt: string }).prompt);
		expect(prompts.sort()).toEqual([
			'a bowl of ramen, isometric illustration',
			'a lighthouse on a cliff at dawn, watercolour',
			'a red fox in fresh snow, photograph',
		]);
	}, 180_000);

	test('an output file read back by a later Code node has the bytes the emulator served', async () => {
		const run = await sandbox.execute(readBack.id);
		const hashed = nodeJson(run, 'Hash the image') as Array<{ sha256: string; bytes: number; url: string }>;
		expect(hashed).toHaveLength(3);
		for (const { sha256: hash, bytes, url } of hashed) {
			const served = await fetchBytes(url);
			expect({ hash, bytes }).toEqual({ hash: sha256(served), bytes: served.length });
		}
		expect(new Set(hashed.map((item) => item.sha256)).size).toBe(3);
	}, 180_000);

	test('example 10: the video takes the ok branch', async () => {
		const run = await sandbox.execute(examples.video.id);
		const [generated] = nodeItems(run, 'Generate a video');
		expect(generated.json).toMatchObject({
			...ok,
			model: 'kling-2.1-text2video',
			files: [expect.objectContaining({ mimeType: 'video/mp4', binaryProperty: 'data' })],
		});
		expect(generated.binary?.data).toMatchObject({ mimeType: 'video/mp4' });
		const file = (generated.json.files as Array<{ fileName: string; fileSize: number }>)[0];
		expect(nodeJson(run, 'Use the video')).toEqual([
			{ fileName: file.fileName, fileSize: file.fileSize, creditsLeft: expect.any(Number) },
		]);
		expect(Object.keys(run.data.resultData.runData)).not.toContain('Get Queued Result');
		expect(emulator.queued()).toEqual([expect.objectContaining({ charged: true })]);
	}, 180_000);

	test('example 10: a run past its timeout is collected by Get Queued Result, submitted once, billed once', async () => {
		// Ready 5 s after the submit: past the 3 s timeout of the copy's Generate a video.
		emulator.configure({ latencyMs: 5_000 });
		const run = await sandbox.execute(timedOut.id);
		const [generated] = nodeJson(run, 'Generate a video');
		expect(generated).toMatchObject({ status: 'timeout', requestId: expect.any(String), files: [] });
		const [collected] = nodeItems(run, 'Get Queued Result');
		expect(collected.json).toMatchObject({
			...ok,
			requestId: generated.requestId,
			files: [expect.objectContaining({ mimeType: 'video/mp4', binaryProperty: 'data' })],
		});
		expect(collected.binary?.data).toMatchObject({ mimeType: 'video/mp4' });
		expect(emulator.log.filter((entry) => entry.kind === 'submit')).toHaveLength(1);
		expect(emulator.queued()).toEqual([
			expect.objectContaining({ requestId: generated.requestId, charged: true }),
		]);
	}, 180_000);

	test('example 11: the fetched photo (filesystem binary data) is uploaded, read by the model, and a video comes out', async () => {
		const cat = await fetchBytes(`${emulator.url}/samples/cat.png`);
		const run = await sandbox.execute(examples.photo.id);
		const [fetched] = nodeItems(run, 'Fetch the photo');
		expect(fetched.binary?.data).toMatchObject({ id: expect.stringMatching(/^filesystem/) });
		const [animated] = nodeItems(run, 'Animate the photo');
		expect(animated.json).toMatchObject({
			...ok,
			model: 'kling-image2video',
			files: [expect.objectContaining({ mimeType: 'video/mp4', binaryProperty: 'data' })],
		});
		expect(animated.binary?.data).toMatchObject({ mimeType: 'video/mp4' });
		const log = emulator.log;
		const upload = log.find((entry) => entry.kind === 'upload');
		expect(upload).toMatchObject({
			status: 200,
			body: { data_urls: [`data:image/png;base64,[${cat.length} bytes]`] },
		});
		const submits = log.filter((entry) => entry.kind === 'submit');
		expect(submits).toHaveLength(1);
		const image = (submits[0].body as { image: string }).image;
		expect(image).toMatch(/\/uploads\/[0-9a-f-]{36}\.png$/);
		expect(sha256(await fetchBytes(image))).toBe(sha256(cat));
	}, 180_000);
});
