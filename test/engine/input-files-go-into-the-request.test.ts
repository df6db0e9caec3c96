// Input Files on a run (the shared inputs module, through the test node that calls it as Run a
// Model does): binaries made by a previous node, read through n8n's helpers, uploaded to the
// emulator's storage or inlined, and placed into the body; failed uploads and bad input stop the
// item before anything is submitted.
import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { NO_CREDITS_API_KEY } from '../../emulator/server';
import { useEmulator } from './support/emulatorFixture';
import { IMAGE_SOURCE_NODE_TYPE } from './support/imageSourceNode';
import { INPUT_FILES_NODE_TYPE } from './support/inputFilesNode';
import { runWorkflow } from './support/runWorkflow';
import { storeBinaryDataOutsideItems } from './support/storedBinaryData';

const api = useEmulator();

let cat: Buffer;
beforeAll(async () => {
	cat = Buffer.from(await (await fetch(`${api.emulator.url}/samples/cat.png`)).arrayBuffer());
});

const mask = Buffer.from('GIF89a mask bytes');

const file = (bytes: Buffer, mimeType: string, fileName: string) => ({ base64: bytes.toString('base64'), mimeType, fileName });
const photoItem = () => ({ files: { photo: file(cat, 'image/png', 'cat.png'), mask: file(mask, 'image/gif', 'mask.gif') } });

const CHAT = { messages: [{ role: 'user', content: 'Describe it' }] };

type Row = { parameter: string; binaryPropertyName: string; sendAs?: string };

const runModel = (rows: Row[], options: INodeParameters = {}, body: IDataObject = CHAT): INodeParameters => ({
	resource: 'model',
	operation: 'run',
	model: 'gpt-4o',
	parametersJson: JSON.stringify(body),
	binaryInputs: { values: rows },
	options,
});

async function run(rows: Row[], { options = {}, body = CHAT, input = [photoItem()], apiKey, onError }: { options?: INodeParameters; body?: IDataObject; input?: IDataObject[]; apiKey?: string; onError?: INode['onError'] } = {}) {
	const result = await runWorkflow({
		nodes: [
			{ name: 'Files', type: IMAGE_SOURCE_NODE_TYPE, parameters: {} },
			{ name: 'Run', type: INPUT_FILES_NODE_TYPE, parameters: runModel(rows, options, body), onError },
		],
		input,
		credentials: api.credentials(apiKey),
	});
	const log = await api.settledLog();
	return {
		...result,
		items: result.outputsOf('Run')[0] ?? [],
		uploads: log.filter((entry) => entry.kind === 'upload'),
		submits: log.filter((entry) => entry.kind === 'chat'),
	};
}

const UPLOAD_URL = /^http:\/\/127\.0\.0\.1:\d+\/uploads\/[0-9a-f-]{36}\.(png|gif|bin)$/;

async function download(url: string) {
	const response = await fetch(url);
	return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

const ok = { success: true, statusCode: 200, status: 'ok', statusMessage: 'OK' };

describe('the exact body for each Send As', () => {
	test('upload: one upload per file, the URL in the parameter, the file served back identical', async () => {
		const { items, uploads, submits } = await run([{ parameter: 'image', binaryPropertyName: 'photo', sendAs: 'upload' }]);
		expect(items[0].json).toMatchObject({ ...ok, model: 'gpt-4o' });
		expect(uploads.map((entry) => [entry.path, entry.status, entry.body])).toEqual([
			['/upload-asset', 200, { data_urls: [`data:image/png;base64,[${cat.length} bytes]`] }],
		]);
		expect(submits).toHaveLength(1);
		const body = submits[0].body as IDataObject;
		expect(body).toStrictEqual({ ...CHAT, image: expect.stringMatching(UPLOAD_URL) });
		expect(await download(body.image as string)).toEqual({ status: 200, type: 'image/png', bytes: cat });
	});

	test('dataUri: data:<mime>;base64,<the file> in the body, nothing uploaded', async () => {
		const { items, uploads, submits } = await run([{ parameter: 'mask_image', binaryPropertyName: 'mask', sendAs: 'dataUri' }]);
		expect(items[0].json).toMatchObject(ok);
		expect(uploads).toEqual([]);
		expect(submits[0].body).toStrictEqual({ ...CHAT, mask_image: `data:image/gif;base64,${mask.toString('base64')}` });
	});

	test('base64: the bare base64, encoded once (never base64 of base64)', async () => {
		const { submits } = await run([{ parameter: 'image', binaryPropertyName: 'photo', sendAs: 'base64' }]);
		const sent = (submits[0].body as IDataObject).image as string;
		expect(sent).toBe(cat.toString('base64'));
		expect(Buffer.from(sent, 'base64')).toEqual(cat);
	});

	test('several rows and Send As in one body; rows win over the same name in the body', async () => {
		const { submits, uploads } = await run(
			[
				{ parameter: 'image', binaryPropertyName: 'photo' },
				{ parameter: 'mask_image', binaryPropertyName: 'mask', sendAs: 'base64' },
			],
			{ body: { ...CHAT, image: 'https://example.com/old.png', strength: 0.5 } },
		);
		expect(uploads).toHaveLength(1);
		expect(submits[0].body).toStrictEqual({ ...CHAT, image: expect.stringMatching(UPLOAD_URL), strength: 0.5, mask_image: mask.toString('base64') });
	});
});

describe('arrays', () => {
	test('a comma-separated field gives an array in the order named, each file uploaded', async () => {
		const { submits, uploads } = await run([{ parameter: 'reference_images', binaryPropertyName: 'mask, photo' }]);
		expect(uploads.map((entry) => entry.body)).toEqual([
			{ data_urls: [`data:image/gif;base64,[${mask.length} bytes]`] },
			{ data_urls: [`data:image/png;base64,[${cat.length} bytes]`] },
		]);
		const urls = (submits[0].body as IDataObject).reference_images as string[];
		expect(urls).toEqual([expect.stringMatching(/\.gif$/), expect.stringMatching(/\.png$/)]);
		expect((await download(urls[0])).bytes).toEqual(mask);
		expect((await download(urls[1])).bytes).toEqual(cat);
	});

	test('repeated rows with one parameter give an array in row order', async () => {
		const { submits } = await run([
			{ parameter: 'images', binaryPropertyName: 'photo', sendAs: 'base64' },
			{ parameter: 'images', binaryPropertyName: 'mask', sendAs: 'dataUri' },
		]);
		expect((submits[0].body as IDataObject).images).toEqual([cat.toString('base64'), `data:image/gif;base64,${mask.toString('base64')}`]);
	});

	test('one file for a parameter that is already an array in the body gives an array', async () => {
		const { submits } = await run([{ parameter: 'image_urls', binaryPropertyName: 'photo' }], { body: { ...CHAT, image_urls: [] } });
		expect((submits[0].body as IDataObject).image_urls).toEqual([expect.stringMatching(UPLOAD_URL)]);
	});
});

describe('binary data kept outside the items (filesystem and database modes)', () => {
	test('each file is read once through the binary helpers, even when two rows name it', async () => {
		const stored = storeBinaryDataOutsideItems();
		try {
			const { items, submits, outputsOf } = await run([
				{ parameter: 'image', binaryPropertyName: 'photo' },
				{ parameter: 'image_base64', binaryPropertyName: 'photo', sendAs: 'base64' },
				{ parameter: 'image_again', binaryPropertyName: 'photo' },
			]);
			expect(outputsOf('Files')[0][0].binary!.photo).toMatchObject({ id: 'filesystem-v2:file-1', data: 'filesystem-v2' });
			expect(items[0].json).toMatchObject(ok);
			expect(stored.reads).toEqual(['file-1']);
			const body = submits[0].body as IDataObject;
			expect(body.image_base64).toBe(cat.toString('base64'));
			expect(body.image_again).toBe(body.image);
			expect((await download(body.image as string)).bytes).toEqual(cat);
		} finally {
			stored.restore();
		}
	});

	test('a file stored as application/octet-stream takes its MIME type from its name', async () => {
		const stored = storeBinaryDataOutsideItems();
		try {
			const { uploads, submits } = await run([{ parameter: 'image', binaryPropertyName: 'photo' }], {
				input: [{ files: { photo: file(cat, 'application/octet-stream', 'cat.png') } }],
			});
			expect(uploads[0].body).toEqual({ data_urls: [`data:image/png;base64,[${cat.length} bytes]`] });
			expect(await download((submits[0].body as IDataObject).image as string)).toMatchObject({ type: 'image/png', bytes: cat });
		} finally {
			stored.restore();
		}
	});
});

describe('upload answer shapes', () => {
	test.each(['urls', 'file_urls'] as const)('{"%s": [...]} is read', async (uploadShape) => {
		api.emulator.configure({ uploadShape });
		const { items, submits } = await run([{ parameter: 'image', binaryPropertyName: 'photo' }]);
		expect(items[0].json).toMatchObject(ok);
		expect((submits[0].body as IDataObject).image).toMatch(UPLOAD_URL);
	});

	test('an answer without a URL fails the item (http_error, "The answer carried no file URL"); nothing is submitted', async () => {
		api.emulator.configure({ uploadShape: 'none' });
		const { items, submits } = await run([{ parameter: 'image', binaryPropertyName: 'photo' }], { options: { includeRawResponse: true } });
		expect(items[0].json).toStrictEqual({
			success: false,
			statusCode: 200,
			status: 'http_error',
			statusMessage: 'The answer carried no file URL',
			remainingCredits: 500,
			error: 'Uploading "photo": The upload answer carried none of file_urls, urls and url: {"message":"Files uploaded successfully"}',
			model: 'gpt-4o',
			output: null,
			response: { message: 'Files uploaded successfully' },
		});
		expect(submits).toEqual([]);
	});
});

describe('a failed upload fails its item with the upload status, and nothing is submitted', () => {
	const rows = [{ parameter: 'image', binaryPropertyName: 'photo' }];

	test('401: unauthorized', async () => {
		const { items, uploads, submits } = await run(rows, { apiKey: 'SG_not_a_key' });
		expect(items[0].json).toMatchObject({ success: false, statusCode: 401, status: 'unauthorized', statusMessage: 'User authentication failed', error: expect.stringMatching(/^Uploading "photo": /) });
		expect(uploads).toHaveLength(1);
		expect(submits).toEqual([]);
	});

	test('406: not enough credits, never retried', async () => {
		const { items, uploads, submits } = await run(rows, { apiKey: NO_CREDITS_API_KEY });
		expect(items[0].json).toMatchObject({ success: false, statusCode: 406, status: 'insufficient_credits', error: 'Uploading "photo": Not enough credits' });
		expect(uploads).toHaveLength(1);
		expect(submits).toEqual([]);
	});

	test('500 then success: the upload is retried and the run goes on', async () => {
		api.emulator.configure({ uploadFaults: ['500', 'ok'] });
		const { items, uploads, submits } = await run(rows);
		expect(items[0].json).toMatchObject(ok);
		expect(uploads.map((entry) => entry.status)).toEqual([500, 200]);
		expect(submits).toHaveLength(1);
	});

	test('500 past maxRetries: server_error', async () => {
		api.emulator.configure({ uploadFaults: ['500', '500'] });
		const { items, uploads, submits } = await run(rows, { options: { maxRetries: 1 } });
		expect(items[0].json).toMatchObject({ success: false, statusCode: 500, status: 'server_error', error: expect.stringMatching(/^Uploading "photo": /) });
		expect(uploads).toHaveLength(2);
		expect(submits).toEqual([]);
	});

	test('a hung upload times out and is sent again (an upload bills nothing); once more than maxRetries: timeout', async () => {
		api.emulator.configure({ uploadFaults: ['hang', 'hang'] });
		const { items, uploads, submits } = await run(rows, { options: { timeout: 300, maxRetries: 1 } });
		expect(items[0].json).toMatchObject({
			success: false,
			statusCode: null,
			status: 'timeout',
			statusMessage: 'The request timed out',
			error: 'Uploading "photo": No answer within the timeout of 300 ms',
		});
		expect(uploads.map((entry) => entry.fault)).toEqual(['hang', 'hang']);
		expect(submits).toEqual([]);
	});

	test('a hung upload, then an answer: the item goes on', async () => {
		api.emulator.configure({ uploadFaults: ['hang', 'ok'] });
		const { items, uploads, submits } = await run(rows, { options: { timeout: 300 } });
		expect(items[0].json).toMatchObject(ok);
		expect(uploads).toHaveLength(2);
		expect(submits).toHaveLength(1);
	});

	test('the second file failing stops the item too; the other items go on', async () => {
		api.emulator.configure({ uploadFaults: ['ok', '406'] });
		const { items, submits } = await run([{ parameter: 'images', binaryPropertyName: 'photo, mask' }], { input: [photoItem(), photoItem()], options: { concurrency: 1 } });
		expect(items.map((item) => item.json.status)).toEqual(['insufficient_credits', 'ok']);
		expect(items[0].json.error).toBe('Uploading "mask": Not enough credits');
		expect(submits).toHaveLength(1);
	});

	test('under "Stop With an Error" the run stops with the upload status', async () => {
		api.emulator.configure({ uploadFaults: ['406'] });
		const { error, submits } = await run(rows, { options: { apiErrors: 'throw' } });
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message: 'Not enough credits [insufficient_credits]',
			description: expect.stringContaining('Uploading "photo": Not enough credits'),
		});
		expect(submits).toEqual([]);
	});
});

describe('bad input names its field, and nothing is sent for the item', () => {
	test('a binary property the item lacks names the row', async () => {
		const { error, uploads, submits } = await run([
			{ parameter: 'image', binaryPropertyName: 'photo' },
			{ parameter: 'mask_image', binaryPropertyName: 'depth' },
		]);
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: 'binaryInputs[1].binaryPropertyName: the item has no binary property "depth" (it has "photo", "mask")',
			context: expect.objectContaining({ itemIndex: 0 }),
		});
		expect(uploads).toEqual([]);
		expect(submits).toEqual([]);
	});

	test('an empty parameter names binaryInputs[0].parameter', async () => {
		const { error } = await run([{ parameter: '', binaryPropertyName: 'photo' }]);
		expect(error).toMatchObject({ message: expect.stringMatching(/^binaryInputs\[0\]\.parameter is empty/) });
		expect(api.emulator.log).toEqual([]);
	});

	test('a file over maxFileSize is bad input, before any upload', async () => {
		const { error, uploads } = await run([{ parameter: 'image', binaryPropertyName: 'photo' }], { options: { maxFileSize: 0.0001 } });
		expect(error).toMatchObject({ message: expect.stringMatching(/^binaryInputs\[0\]\.binaryPropertyName: binary property "photo" is \d+ bytes, more than maxFileSize \(104 bytes\)$/) });
		expect(uploads).toEqual([]);
	});

	test('under "Continue (regular output)" the bad item is {error} and the others are sent', async () => {
		const { items, submits } = await run([{ parameter: 'image', binaryPropertyName: 'photo', sendAs: 'base64' }], {
			input: [photoItem(), { files: {} }, photoItem()],
			onError: 'continueRegularOutput',
		});
		expect(items.map((item) => item.json)).toEqual([
			expect.objectContaining(ok),
			{ error: expect.stringMatching(/^binaryInputs\[0\]\.binaryPropertyName: the item has no binary property "photo" \(it has no binary data/) },
			expect.objectContaining(ok),
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(submits).toHaveLength(2);
	});
});

test('cancelling the execution during a hung upload ends it at once; nothing is submitted', async () => {
	api.emulator.configure({ uploadFaults: ['hang'] });
	let cancelledAt = 0;
	const result = await runWorkflow({
		nodes: [
			{ name: 'Files', type: IMAGE_SOURCE_NODE_TYPE, parameters: {} },
			{ name: 'Run', type: INPUT_FILES_NODE_TYPE, parameters: runModel([{ parameter: 'image', binaryPropertyName: 'photo' }], { timeout: 30_000 }) },
		],
		input: [photoItem()],
		credentials: api.credentials(),
		onStarted: (cancel) => {
			const whenSent = setInterval(() => {
				if (api.emulator.log.length === 0) return;
				clearInterval(whenSent);
				cancelledAt = Date.now();
				cancel();
			}, 10);
		},
	});
	expect(Date.now() - cancelledAt).toBeLessThan(1000);
	expect(result.run.status).toBe('canceled');
	expect((await api.settledLog()).map((entry) => [entry.kind, entry.outcome])).toEqual([['upload', 'aborted-by-client']]);
}, 15_000);

describe("the model reads the files it was given (the emulator's image-reading models)", () => {
	const media = (model: string, rows: Row[], input: IDataObject = photoItem()) =>
		runWorkflow({
			nodes: [
				{ name: 'Files', type: IMAGE_SOURCE_NODE_TYPE, parameters: {} },
				{ name: 'Run', type: INPUT_FILES_NODE_TYPE, parameters: { ...runModel(rows, {}, { prompt: 'a cat in the style of a woodcut' }), model } },
			],
			input: [input],
			credentials: api.credentials(),
		});

	test.each([
		['upload', 'a URL of the storage, which the model fetches'],
		['dataUri', 'a data: URI'],
		['base64', 'bare base64'],
	])('image-to-image with %s: %s', async (sendAs) => {
		const run = await media('sd1.5-img2img', [{ parameter: 'image', binaryPropertyName: 'photo', sendAs }]);
		expect(run.outputsOf('Run')[0][0].json).toMatchObject({ ...ok, model: 'sd1.5-img2img' });
		const log = await api.settledLog();
		const kinds = log.map((entry) => [entry.kind, entry.status]);
		expect(kinds).toEqual(sendAs === 'upload' ? [['upload', 200], ['media', 200], ['file', 200]] : [['media', 200]]);
		if (sendAs === 'upload') {
			const fetched = log.find((entry) => entry.kind === 'file')!;
			expect(fetched).toMatchObject({ path: expect.stringMatching(/^\/uploads\//), keyGiven: false });
		}
	});

	test('image-to-video takes the first frame as a data: URI', async () => {
		const run = await media('kling-image2video', [{ parameter: 'first_frame_url', binaryPropertyName: 'photo', sendAs: 'dataUri' }]);
		expect(run.outputsOf('Run')[0][0].json).toMatchObject(ok);
	});

	test('reference images from two rows, one uploaded and one inline, arrive as one array', async () => {
		const run = await media('seedream-4-edit', [
			{ parameter: 'reference_images', binaryPropertyName: 'photo' },
			{ parameter: 'reference_images', binaryPropertyName: 'photo', sendAs: 'base64' },
		]);
		expect(run.outputsOf('Run')[0][0].json).toMatchObject(ok);
		const sent = (await api.settledLog()).find((entry) => entry.kind === 'media')!.body as IDataObject;
		expect(sent.reference_images).toEqual([expect.stringMatching(UPLOAD_URL), cat.toString('base64')]);
	});

	test('a file that is not an image reaches the model as sent, and its 400 names the parameter', async () => {
		const pdf = file(Buffer.from('%PDF-1.4 not an image'), 'application/pdf', 'a.pdf');
		const run = await media('sd1.5-img2img', [{ parameter: 'image', binaryPropertyName: 'scan', sendAs: 'dataUri' }], { files: { scan: pdf } });
		expect(run.outputsOf('Run')[0][0].json).toMatchObject({
			success: false,
			statusCode: 400,
			error: '"image": the data is not a real image (PNG, JPEG, WebP or GIF expected)',
		});
		const sent = (await api.settledLog()).find((entry) => entry.kind === 'media')!.body as IDataObject;
		expect(sent.image).toBe(`data:application/pdf;base64,${pdf.base64}`);
	});
});
