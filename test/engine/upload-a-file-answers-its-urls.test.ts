// The Segmind node's Upload a File (file / upload) on n8n-core's engine against the emulator's storage: one upload
// per item with all its files, urls and url out, the uploaded bytes served back identical.
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { useEmulator } from './support/emulatorFixture';
import { IMAGE_SOURCE_NODE_TYPE } from './support/imageSourceNode';
import { SEGMIND_ANY_MODEL_NODE_TYPE } from './support/packageNodes';
import { runWorkflow } from './support/runWorkflow';
import { storeBinaryDataOutsideItems } from './support/storedBinaryData';

const api = useEmulator();

let cat: Buffer;
beforeAll(async () => {
	cat = Buffer.from(await (await fetch(`${api.emulator.url}/samples/cat.png`)).arrayBuffer());
});

const song = Buffer.from([0x49, 0x44, 0x33, 0x04, 0, 0, 1, 2, 3, 250, 251, 252]);
const file = (bytes: Buffer, mimeType: string, fileName: string) => ({ base64: bytes.toString('base64'), mimeType, fileName });
const catItem = () => ({ files: { data: file(cat, 'image/png', 'cat.png') } });

const uploadParameters = (binaryPropertyName?: string, options: INodeParameters = {}): INodeParameters => ({
	resource: 'file',
	operation: 'upload',
	...(binaryPropertyName !== undefined && { binaryPropertyName }),
	options,
});

async function upload(
	{ binaryPropertyName, options = {}, input = [catItem()], onError }: { binaryPropertyName?: string; options?: INodeParameters; input?: IDataObject[]; onError?: INode['onError'] } = {},
) {
	const result = await runWorkflow({
		nodes: [
			{ name: 'Files', type: IMAGE_SOURCE_NODE_TYPE, parameters: {} },
			{ name: 'Upload', type: SEGMIND_ANY_MODEL_NODE_TYPE, parameters: uploadParameters(binaryPropertyName, options), onError },
		],
		input,
		credentials: api.credentials(),
	});
	const log = await api.settledLog();
	return { ...result, items: result.outputsOf('Upload')[0] ?? [], uploads: log.filter((entry) => entry.kind === 'upload') };
}

async function download(url: string) {
	const response = await fetch(url);
	return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

const UPLOAD_URL = /^http:\/\/127\.0\.0\.1:\d+\/uploads\/[0-9a-f-]{36}\.\w+$/;

const ok = { success: true, statusCode: 200, status: 'ok', statusMessage: 'OK', remainingCredits: 500 };

test('the default field "data": one upload, urls and url out, the bytes served back identical', async () => {
	const { items, uploads } = await upload();
	expect(items).toEqual([{ json: { ...ok, urls: [expect.stringMatching(UPLOAD_URL)], url: expect.stringMatching(UPLOAD_URL) }, pairedItem: { item: 0 } }]);
	const { urls, url } = items[0].json as { urls: string[]; url: string };
	expect(url).toBe(urls[0]);
	expect(uploads.map((entry) => [entry.path, entry.body])).toEqual([['/upload-asset', { data_urls: [`data:image/png;base64,[${cat.length} bytes]`] }]]);
	expect(await download(url)).toEqual({ status: 200, type: 'image/png', bytes: cat });
});

test('several comma-separated fields go in one upload; urls in the order named, url the first', async () => {
	const { items, uploads } = await upload({
		binaryPropertyName: 'voice, data',
		input: [{ files: { data: file(cat, 'image/png', 'cat.png'), voice: file(song, 'audio/mpeg', 'song.mp3') } }],
	});
	expect(uploads).toHaveLength(1);
	expect(uploads[0].body).toEqual({ data_urls: [`data:audio/mpeg;base64,[${song.length} bytes]`, `data:image/png;base64,[${cat.length} bytes]`] });
	const { urls, url } = items[0].json as { urls: string[]; url: string };
	expect(urls).toHaveLength(2);
	expect(url).toBe(urls[0]);
	expect(await download(urls[0])).toEqual({ status: 200, type: 'audio/mpeg', bytes: song });
	expect(await download(urls[1])).toEqual({ status: 200, type: 'image/png', bytes: cat });
});

test('one upload per item, each item paired to its own', async () => {
	const { items, uploads } = await upload({ input: [catItem(), { files: { data: file(song, 'audio/mpeg', 'a.mp3') } }, catItem()] });
	expect(uploads).toHaveLength(3);
	expect(items.map((item) => [item.json.status, item.pairedItem])).toEqual([
		['ok', { item: 0 }],
		['ok', { item: 1 }],
		['ok', { item: 2 }],
	]);
	expect((await download(items[1].json.url as string)).bytes).toEqual(song);
});

test('binary data kept outside the items (filesystem and database modes) is read through the helpers, once', async () => {
	const stored = storeBinaryDataOutsideItems();
	try {
		const { items, outputsOf } = await upload({ input: [{ files: { data: file(cat, 'application/octet-stream', 'cat.png') } }] });
		expect(outputsOf('Files')[0][0].binary!.data).toMatchObject({ id: 'filesystem-v2:file-1', data: 'filesystem-v2' });
		expect(stored.reads).toEqual(['file-1']);
		// application/octet-stream: the type comes from the file name.
		expect(await download(items[0].json.url as string)).toEqual({ status: 200, type: 'image/png', bytes: cat });
	} finally {
		stored.restore();
	}
});

test('the SDK\'s answer {"file_urls": [...]} is read', async () => {
	api.emulator.configure({ uploadShape: 'file_urls' });
	const { items } = await upload({ options: { includeRawResponse: true } });
	expect(items[0].json).toEqual({
		...ok,
		urls: [expect.stringMatching(UPLOAD_URL)],
		url: expect.stringMatching(UPLOAD_URL),
		response: { file_urls: [items[0].json.url], message: 'Files uploaded successfully' },
	});
});

test('a 2xx without a file URL is http_error, "The answer carried no file URL"', async () => {
	api.emulator.configure({ uploadShape: 'none' });
	const { items } = await upload();
	expect(items[0].json).toStrictEqual({
		success: false,
		statusCode: 200,
		status: 'http_error',
		statusMessage: 'The answer carried no file URL',
		remainingCredits: 500,
		error: 'The upload answer carried none of file_urls, urls and url: {"message":"Files uploaded successfully"}',
		urls: [],
		url: null,
	});
});

test('a timed-out upload is sent again (it bills nothing), up to maxRetries', async () => {
	api.emulator.configure({ uploadFaults: ['hang', 'ok'] });
	const retried = await upload({ options: { timeout: 300 } });
	expect(retried.items[0].json).toMatchObject({ ...ok, url: expect.stringMatching(UPLOAD_URL) });
	expect(retried.uploads.map((entry) => [entry.fault, entry.status])).toEqual([['hang', null], [undefined, 200]]);

	api.emulator.reset();
	api.emulator.configure({ uploadFaults: ['hang'] });
	const given = await upload({ options: { timeout: 300, maxRetries: 0 } });
	expect(given.items[0].json).toStrictEqual({
		success: false,
		statusCode: null,
		status: 'timeout',
		statusMessage: 'The request timed out',
		remainingCredits: null,
		error: 'No answer within the timeout of 300 ms',
		urls: [],
		url: null,
	});
	expect(given.uploads).toHaveLength(1);
});

test('under "Stop With an Error" a failed upload stops the run with its status', async () => {
	api.emulator.configure({ uploadFaults: ['406'] });
	const { error } = await upload({ options: { apiErrors: 'throw' } });
	expect(error).toMatchObject({ name: 'NodeApiError', message: 'Not enough credits [insufficient_credits]' });
});

describe('bad input names binaryPropertyName, and nothing is uploaded for the item', () => {
	test('a missing binary property', async () => {
		const { error, uploads } = await upload({ binaryPropertyName: 'data, photo' });
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: 'binaryPropertyName: the item has no binary property "photo" (it has "data")',
			context: expect.objectContaining({ itemIndex: 0 }),
		});
		expect(uploads).toEqual([]);
	});

	test('an empty field', async () => {
		const { error } = await upload({ binaryPropertyName: ' ' });
		expect(error).toMatchObject({ message: expect.stringMatching(/^binaryPropertyName is empty/) });
		expect(api.emulator.log).toEqual([]);
	});

	test('under "Continue (regular output)" the item without the file is {error}; the others are uploaded', async () => {
		const { items, uploads } = await upload({ input: [catItem(), { files: {} }], onError: 'continueRegularOutput' });
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining(ok),
			{ error: expect.stringMatching(/^binaryPropertyName: the item has no binary property "data" \(it has no binary data/) },
		]);
		expect(uploads).toHaveLength(1);
	});
});
