// Run a Model in Submit and Poll mode (the default) and Get Queued Result, against the
// emulator's queue in n8n's filesystem binary data mode: the file URL a queued result names is
// downloaded into the item's binary data, without the key, as the sync file body is.
import { readFileSync } from 'node:fs';
import type { IBinaryData, INodeParameters } from 'n8n-workflow';

import { MEDIA_SLUGS } from '../../emulator/server';
import { SECRET_API_KEY, useEmulator } from './support/emulatorFixture';
import { useFilesystemBinaryData } from './support/filesystemBinaryData';
import { runWorkflow } from './support/runWorkflow';
import { getQueuedResult, runModel } from './support/segmindNode';

const api = useEmulator();
let binaryData: Awaited<ReturnType<typeof useFilesystemBinaryData>>;
beforeAll(async () => (binaryData = await useFilesystemBinaryData()));
afterAll(() => binaryData.restore());

const QUEUE: INodeParameters = { requestMode: 'queue', pollInterval: 250 };
const FILE_URL = /^http:\/\/127\.0\.0\.1:\d+\/files\/[0-9a-f]{24}\.png$/;

const fileRequests = () => api.emulator.log.filter((entry) => entry.kind === 'file');
const storedBytes = (binary: IBinaryData) => readFileSync(binaryData.pathOf(binary.id as string));

async function expectDownloaded(json: Record<string, unknown>, binary: IBinaryData | undefined) {
	const url = json.output as string;
	expect(url).toMatch(FILE_URL);
	const expected = Buffer.from(await (await fetch(url)).arrayBuffer());
	const fileName = new URL(url).pathname.split('/').pop();
	expect(json).toMatchObject({
		success: true,
		status: 'ok',
		files: [
			{ url, mimeType: 'image/png', fileName, fileSize: expected.length, binaryProperty: 'data' },
		],
	});
	expect(binary).toMatchObject({ mimeType: 'image/png', fileName, bytes: expected.length });
	expect(storedBytes(binary as IBinaryData).equals(expected)).toBe(true);
}

test('Run a Model in queue mode downloads the result’s file into binary data, without the key', async () => {
	const before = fileRequests().length;
	const run = await runWorkflow({
		nodes: [runModel(MEDIA_SLUGS.png, { prompt: 'a red fox' }, QUEUE)],
		input: [{}],
		credentials: api.credentials(),
	});
	expect(run.error).toBeUndefined();
	expect(run.serialized).not.toContain(SECRET_API_KEY);
	const [item] = run.items;
	expect(item.json.requestId).toEqual(expect.any(String));
	await expectDownloaded(item.json, item.binary?.data as IBinaryData | undefined);
	expect(fileRequests().slice(before)).toEqual([
		expect.objectContaining({ method: 'GET', keyGiven: false, status: 200, outcome: 'answered' }),
		// the test's own fetch of the expected bytes
		expect.objectContaining({ method: 'GET', keyGiven: false, status: 200 }),
	]);
});

test('downloadOutputs off: the queued result’s URL is listed, nothing is fetched', async () => {
	const before = fileRequests().length;
	const run = await runWorkflow({
		nodes: [
			runModel(MEDIA_SLUGS.png, { prompt: 'a red fox' }, { ...QUEUE, downloadOutputs: false }),
		],
		input: [{}],
		credentials: api.credentials(),
	});
	expect(run.error).toBeUndefined();
	const [item] = run.items;
	expect(item.binary).toBeUndefined();
	expect(item.json.files).toEqual([
		{
			url: item.json.output,
			mimeType: null,
			fileName: expect.stringMatching(/\.png$/),
			fileSize: null,
			binaryProperty: null,
		},
	]);
	expect(fileRequests().slice(before)).toEqual([]);
});

test('Get Queued Result downloads the collected run’s file the same way', async () => {
	const headers = { 'x-api-key': SECRET_API_KEY, 'content-type': 'application/json' };
	const submitted = await fetch(`${api.emulator.url}/v2/${MEDIA_SLUGS.png}`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ prompt: 'a blue whale' }),
	});
	const { request_id: requestId } = (await submitted.json()) as { request_id: string };
	const run = await runWorkflow({
		nodes: [getQueuedResult({ pollInterval: 250 }, requestId)],
		input: [{}],
		credentials: api.credentials(),
	});
	expect(run.error).toBeUndefined();
	const [item] = run.items;
	expect(item.json.requestId).toBe(requestId);
	await expectDownloaded(item.json, item.binary?.data as IBinaryData | undefined);
});
