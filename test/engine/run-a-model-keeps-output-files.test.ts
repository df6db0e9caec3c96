import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { MEDIA_SLUGS } from '../../emulator/server';
import { SECRET_API_KEY, useEmulator } from './support/emulatorFixture';
import { runWorkflow } from './support/runWorkflow';
import { getQueuedResult, modelIn, runModel } from './support/segmindNode';

const api = useEmulator();

const QUEUE: INodeParameters = { requestMode: 'queue', pollInterval: 250 };
const SYNC: INodeParameters = { requestMode: 'sync' };
const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');
const FILE_URL = /^http:\/\/127\.0\.0\.1:\d+\/files\/[0-9a-f]{24}\.png$/;

const bytesOf = (item: INodeExecutionData, property = 'data') =>
	Buffer.from(item.binary?.[property]?.data ?? '', 'base64');

/** The file as the emulator serves it, fetched without a key. */
async function served(url: string): Promise<Buffer> {
	return Buffer.from(await (await fetch(url)).arrayBuffer());
}

async function runOne(
	slug: string,
	options: INodeParameters,
	body: object = { prompt: 'a red fox' },
) {
	const run = await runWorkflow({
		nodes: [runModel(slug, body, options)],
		input: [{}],
		credentials: api.credentials(),
	});
	expect(run.error).toBeUndefined();
	expect(run.items).toHaveLength(1);
	expect(run.items[0].pairedItem).toEqual({ item: 0 });
	expect(run.serialized).not.toContain(SECRET_API_KEY);
	return run.items[0];
}

describe('queue mode', () => {
	test('an image result: its output URL is downloaded without the key into binary "data"', async () => {
		const item = await runOne(MEDIA_SLUGS.png, QUEUE);
		const url = item.json.output as string;
		expect(url).toMatch(FILE_URL);
		const bytes = await served(url);
		expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
		expect(item.json).toStrictEqual({
			success: true,
			statusCode: 200,
			status: 'ok',
			statusMessage: 'OK',
			remainingCredits: expect.any(Number),
			model: MEDIA_SLUGS.png,
			requestId: expect.any(String),
			output: url,
			files: [
				{
					url,
					mimeType: 'image/png',
					fileName: url.split('/').pop(),
					fileSize: bytes.length,
					binaryProperty: 'data',
				},
			],
			metrics: expect.any(Object),
		});
		expect(bytesOf(item)).toEqual(bytes);
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileExtension: 'png' });
		const log = await api.settledLog();
		expect(log.map((entry) => entry.kind)).toEqual(
			expect.arrayContaining(['submit', 'status', 'result', 'file']),
		);
		const downloads = log.filter((entry) => entry.kind === 'file');
		expect(downloads[0]).toMatchObject({ keyGiven: false, status: 200 });
	});

	test('several files: each URL once (output, then the images list), in data and data_1', async () => {
		const item = await runOne(MEDIA_SLUGS.severalFiles, QUEUE, { prompt: 'two foxes' });
		const files = item.json.files as Array<{ url: string; binaryProperty: string }>;
		expect(files.map((file) => file.binaryProperty)).toEqual(['data', 'data_1']);
		expect(files[0].url).toBe(item.json.output);
		expect(new Set(files.map((file) => file.url)).size).toBe(2);
		expect(Object.keys(item.binary ?? {})).toEqual(['data', 'data_1']);
		expect(bytesOf(item, 'data_1')).toEqual(await served(files[1].url));
	});

	test('a JSON result without files: the decoded output, no files, no binary', async () => {
		const item = await runOne(MEDIA_SLUGS.json, QUEUE, { prompt: 'a fox' });
		expect(item.json).toMatchObject({
			success: true,
			output: { enhanced_prompt: 'a fox, highly detailed, soft light, 35mm photograph' },
			files: [],
		});
		expect(item.binary).toBeUndefined();
	});

	test('a text result: the text itself', async () => {
		const item = await runOne(MEDIA_SLUGS.text, QUEUE, { prompt: 'a fox' });
		expect(item.json).toMatchObject({
			output: 'a fox, trending on artstation, sharp focus',
			files: [],
		});
	});

	test('includeRawResponse: the whole result as Segmind answered it', async () => {
		const item = await runOne(MEDIA_SLUGS.png, { ...QUEUE, includeRawResponse: true });
		expect(item.json.response).toMatchObject({
			status: 'COMPLETED',
			request_id: item.json.requestId,
			output: item.json.output,
			metrics: item.json.metrics,
		});
	});

	test('a model that fails: status failed with its error and metrics, no files', async () => {
		const item = await runOne(MEDIA_SLUGS.png, QUEUE, { prompt: 'x #emulate:model-failed' });
		expect(item.json).toMatchObject({
			success: false,
			status: 'failed',
			statusMessage: 'The model failed to answer',
			error: expect.any(String),
			requestId: expect.any(String),
			output: null,
			files: [],
			metrics: expect.any(Object),
		});
	});
});

describe('sync mode', () => {
	test('a PNG body: one file, output null, bytes as answered', async () => {
		const item = await runOne(MEDIA_SLUGS.png, SYNC);
		expect(item.json).toMatchObject({
			success: true,
			requestId: null,
			output: null,
			metrics: null,
			files: [
				{
					url: null,
					mimeType: 'image/png',
					fileName: 'output.png',
					fileSize: bytesOf(item).length,
					binaryProperty: 'data',
				},
			],
		});
		expect(bytesOf(item).subarray(0, 8)).toEqual(PNG_SIGNATURE);
		const [run] = (await api.settledLog()).filter((entry) => entry.kind === 'media');
		expect(run).toMatchObject({ path: `/v1/${MEDIA_SLUGS.png}`, status: 200 });
	});

	test('a JSON answer listing several files: data and data_1, the output as answered', async () => {
		const item = await runOne(MEDIA_SLUGS.severalFiles, SYNC, { prompt: 'two foxes' });
		const output = item.json.output as { images: Array<{ url: string }> };
		expect(output.images).toHaveLength(2);
		expect(item.json.files).toEqual(
			output.images.map(({ url }, index) =>
				expect.objectContaining({ url, binaryProperty: index === 0 ? 'data' : 'data_1' }),
			),
		);
		expect(bytesOf(item, 'data_1')).toEqual(await served(output.images[1].url));
	});

	test('a data: URI is decoded (never fetched) and replaced by binary:data in the output', async () => {
		const item = await runOne(MEDIA_SLUGS.dataUri, SYNC);
		expect(item.json.output).toEqual({ image: 'binary:data' });
		expect(item.json.files).toEqual([
			{
				url: null,
				mimeType: 'image/png',
				fileName: 'output.png',
				fileSize: bytesOf(item).length,
				binaryProperty: 'data',
			},
		]);
		expect(bytesOf(item).subarray(0, 8)).toEqual(PNG_SIGNATURE);
	});

	test('bare base64 of an image (base64: true) is decoded too', async () => {
		const item = await runOne(MEDIA_SLUGS.base64, SYNC, { prompt: 'a fox', base64: true });
		expect(item.json.output).toEqual({ image: 'binary:data' });
		expect(bytesOf(item).subarray(0, 8)).toEqual(PNG_SIGNATURE);
	});

	test('a text/plain answer: the output as a string', async () => {
		const item = await runOne(MEDIA_SLUGS.text, SYNC, { prompt: 'a fox' });
		expect(item.json).toMatchObject({
			output: 'a fox, trending on artstation, sharp focus',
			files: [],
		});
	});

	test('a video and an audio body keep their types', async () => {
		const video = await runOne(MEDIA_SLUGS.video, SYNC);
		expect(video.json.files).toEqual([
			expect.objectContaining({ mimeType: 'video/mp4', fileName: 'output.mp4' }),
		]);
		const audio = await runOne(MEDIA_SLUGS.audio, SYNC);
		expect(audio.json.files).toEqual([
			expect.objectContaining({ mimeType: 'audio/mpeg', fileName: 'output.mp3' }),
		]);
	});
});

describe('the model, by URL or from the list', () => {
	test.each([
		['url', `https://www.segmind.com/models/${MEDIA_SLUGS.json}/api`],
		['url', `https://segmind.com/models/${MEDIA_SLUGS.json}`],
		['list', MEDIA_SLUGS.json],
	] as const)('%s mode %s runs /v1/prompt-enhancer', async (mode, value) => {
		const run = await runWorkflow({
			nodes: [runModel(MEDIA_SLUGS.json, { prompt: 'a fox' }, SYNC, modelIn(mode, value))],
			input: [{}],
			credentials: api.credentials(),
		});
		expect(run.items[0].json).toMatchObject({ success: true, model: MEDIA_SLUGS.json });
		expect(api.emulator.log.map((entry) => entry.path)).toEqual([`/v1/${MEDIA_SLUGS.json}`]);
	});
});

test('Get Queued Result collects a run whose wait timed out: one submit, one charge, files downloaded', async () => {
	api.emulator.configure({ latencyMs: 1500 });
	const first = await runOne(MEDIA_SLUGS.png, { ...QUEUE, timeout: 600 });
	expect(first.json).toMatchObject({
		success: false,
		status: 'timeout',
		requestId: expect.any(String),
		files: [],
	});
	const later = await runWorkflow({
		nodes: [getQueuedResult({ pollInterval: 250, timeout: 10_000 })],
		input: [first.json],
		credentials: api.credentials(),
	});
	expect(later.error).toBeUndefined();
	const [item] = later.items;
	expect(item.json).toMatchObject({
		success: true,
		status: 'ok',
		model: null,
		requestId: first.json.requestId,
		output: expect.stringMatching(FILE_URL),
		files: [expect.objectContaining({ binaryProperty: 'data', mimeType: 'image/png' })],
	});
	expect(bytesOf(item).subarray(0, 8)).toEqual(PNG_SIGNATURE);
	const log = await api.settledLog();
	expect(log.filter((entry) => entry.kind === 'submit')).toHaveLength(1);
	expect(api.emulator.queued()).toEqual([expect.objectContaining({ charged: true })]);
});
