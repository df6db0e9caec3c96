// Output files through n8n-core's real execution, in n8n's filesystem binary data mode, against
// the emulator's file host: exact binary metadata and bytes, never a key, every download fault,
// maxFileSize, a refusing store, and a 200 MiB file stored while memory stays flat (the last two
// socket-level checks in a process of their own: see support/downloadInOwnProcess.ts).
import { readFileSync } from 'node:fs';
import type { IBinaryData, IDataObject, INodeParameters } from 'n8n-workflow';

import { MEDIA_SLUGS } from '../../emulator/server';
import { SECRET_API_KEY, useEmulator } from './support/emulatorFixture';
import { downloadInOwnProcess } from './support/downloadInOwnProcess';
import { hashFile, hashUrl, useFilesystemBinaryData } from './support/filesystemBinaryData';
import { OUTPUT_FILES_NODE_TYPE } from './support/outputFilesNode';
import { runWorkflow } from './support/runWorkflow';

const api = useEmulator();
let binaryData: Awaited<ReturnType<typeof useFilesystemBinaryData>>;
beforeAll(async () => (binaryData = await useFilesystemBinaryData()));
afterAll(() => binaryData.restore());

const MIB = 1024 * 1024;
const FILE_NAME = /^[0-9a-f]{24}\.(png|jpeg|mp4|mp3)$/;

/** A model run through the emulator's queue, as Segmind answers it: the whole result, output decoded. */
async function queuedRun(slug: string, params: IDataObject) {
	const headers = { 'x-api-key': SECRET_API_KEY, 'content-type': 'application/json' };
	const submitted = await fetch(`${api.emulator.url}/v2/${slug}`, {
		method: 'POST',
		headers,
		body: JSON.stringify(params),
	});
	const { response_url: resultUrl, request_id: requestId } =
		(await submitted.json()) as IDataObject;
	const result = (await (await fetch(resultUrl as string, { headers })).json()) as IDataObject;
	let output = result.output as IDataObject | string;
	try {
		output = JSON.parse(result.output as string);
	} catch {
		// a URL or text stays as it is
	}
	return { output, result, requestId: requestId as string };
}

/** The URL of a PNG run's output file, with these directives in its prompt. */
const fileUrl = async (directives = '') =>
	(await queuedRun(MEDIA_SLUGS.png, { prompt: `a cat ${directives}` })).output as string;

const run = async (
	input: IDataObject[],
	options: INodeParameters = {},
	onError?: 'continueErrorOutput',
) =>
	await runWorkflow({
		nodes: [{ type: OUTPUT_FILES_NODE_TYPE, parameters: { options }, ...(onError && { onError }) }],
		input,
		credentials: api.credentials(),
	});

const fileRequests = () => api.emulator.log.filter((entry) => entry.kind === 'file');

/** The stored bytes of a binary property, from n8n's own store. */
const storedBytes = (binary: IBinaryData) => readFileSync(binaryData.pathOf(binary.id as string));

afterEach(async () => {
	// No file host ever saw a key, whatever the test did.
	const log = await api.settledLog();
	expect(log.filter((entry) => entry.kind === 'file' && entry.keyGiven !== false)).toEqual([]);
});

test('a queued PNG: downloaded into n8n’s filesystem store, metadata and bytes exact, no key sent', async () => {
	const { output, result, requestId } = await queuedRun(MEDIA_SLUGS.png, { prompt: 'a red fox' });
	const expected = Buffer.from(await (await fetch(output as string)).arrayBuffer());
	const before = fileRequests().length;
	const { items, error, serialized } = await run([{ output, result, requestId }]);
	expect(error).toBeUndefined();
	expect(serialized).not.toContain(SECRET_API_KEY);
	const [item] = items;
	const fileName = new URL(output as string).pathname.split('/').pop();
	expect(fileName).toMatch(FILE_NAME);
	expect(item.json).toEqual({
		success: true,
		statusCode: 200,
		status: 'ok',
		statusMessage: 'OK',
		remainingCredits: null,
		requestId,
		output,
		files: [
			{
				url: output,
				mimeType: 'image/png',
				fileName,
				fileSize: expected.length,
				binaryProperty: 'data',
			},
		],
	});
	const binary = item.binary?.data as IBinaryData;
	expect(binary).toMatchObject({
		mimeType: 'image/png',
		fileName,
		fileExtension: 'png',
		fileType: 'image',
		bytes: expected.length,
		data: 'filesystem-v2',
	});
	expect(binary.id).toMatch(
		/^filesystem-v2:workflows\/engine-test\/executions\/execution-1\/binary_data\//,
	);
	expect(storedBytes(binary).equals(expected)).toBe(true);
	expect(fileRequests().slice(before)).toEqual([
		expect.objectContaining({
			method: 'GET',
			keyGiven: false,
			keyLabel: 'missing',
			status: 200,
			outcome: 'answered',
		}),
	]);
});

test('several files: data, data_1, data_2 in order; the output URL counted once', async () => {
	const { output, result } = await queuedRun(MEDIA_SLUGS.severalFiles, {
		prompt: 'three cats',
		num_images: 3,
	});
	const images = (result.images as IDataObject[]).map((image) => image.url as string);
	expect(images[0]).toBe(output);
	const { items } = await run([{ output, result }]);
	const [item] = items;
	expect(
		(item.json.files as IDataObject[]).map(({ url, binaryProperty }) => [url, binaryProperty]),
	).toEqual([
		[images[0], 'data'],
		[images[1], 'data_1'],
		[images[2], 'data_2'],
	]);
	expect(Object.keys(item.binary ?? {})).toEqual(['data', 'data_1', 'data_2']);
	for (const [index, property] of ['data', 'data_1', 'data_2'].entries()) {
		const expected = Buffer.from(await (await fetch(images[index])).arrayBuffer());
		const binary = item.binary?.[property] as IBinaryData;
		expect(binary).toMatchObject({ mimeType: 'image/png', bytes: expected.length });
		expect(storedBytes(binary).equals(expected)).toBe(true);
	}
});

test('another output field name and a JPEG: image, with the type and name the host gave', async () => {
	const { output, result } = await queuedRun(MEDIA_SLUGS.jpeg, { prompt: 'a lighthouse' });
	const { items } = await run([{ output, result }], { binaryPropertyOutput: 'photo' });
	expect(Object.keys(items[0].binary ?? {})).toEqual(['photo']);
	expect(items[0].binary?.photo).toMatchObject({ mimeType: 'image/jpeg', fileExtension: 'jpeg' });
	expect(items[0].binary?.photo.fileName).toMatch(/^[0-9a-f]{24}\.jpeg$/);
});

test('video and audio keep their types', async () => {
	const video = await queuedRun(MEDIA_SLUGS.video, { prompt: 'waves' });
	const audio = await queuedRun(MEDIA_SLUGS.audio, { prompt: 'hello there' });
	const { items } = await run([video, audio]);
	expect(items[0].binary?.data).toMatchObject({
		mimeType: 'video/mp4',
		fileExtension: 'mp4',
		fileType: 'video',
	});
	expect(items[1].binary?.data).toMatchObject({
		mimeType: 'audio/mpeg',
		fileExtension: 'mp3',
		fileType: 'audio',
	});
});

test('a data: URI is decoded, never downloaded, and replaced by binary:data in output', async () => {
	const { output, result } = await queuedRun(MEDIA_SLUGS.dataUri, { prompt: 'a logo' });
	const uri = (output as IDataObject).image as string;
	const bytes = Buffer.from(uri.split(',')[1], 'base64');
	const before = fileRequests().length;
	const { items } = await run([{ output, result }], { downloadOutputs: false });
	expect(fileRequests().length).toBe(before);
	expect(items[0].json.output).toEqual({ image: 'binary:data' });
	expect(items[0].json.files).toEqual([
		{
			url: null,
			mimeType: 'image/png',
			fileName: 'output.png',
			fileSize: bytes.length,
			binaryProperty: 'data',
		},
	]);
	expect(items[0].binary?.data).toMatchObject({
		mimeType: 'image/png',
		fileName: 'output.png',
		bytes: bytes.length,
	});
	expect(storedBytes(items[0].binary?.data as IBinaryData).equals(bytes)).toBe(true);
});

test('base64 answered by a model with base64: true is decoded the same way', async () => {
	const { output, result } = await queuedRun(MEDIA_SLUGS.base64, {
		prompt: 'a tree',
		base64: true,
	});
	const bytes = Buffer.from((output as IDataObject).image as string, 'base64');
	const { items } = await run([{ output, result }]);
	expect(items[0].json.output).toEqual({ image: 'binary:data' });
	expect(items[0].json.files).toEqual([
		{
			url: null,
			mimeType: 'image/png',
			fileName: 'output.png',
			fileSize: bytes.length,
			binaryProperty: 'data',
		},
	]);
	expect(storedBytes(items[0].binary?.data as IBinaryData).equals(bytes)).toBe(true);
});

test('downloadOutputs off: the URLs are listed, nothing is fetched, no binary', async () => {
	const { output, result } = await queuedRun(MEDIA_SLUGS.severalFiles, { prompt: 'two cats' });
	const before = fileRequests().length;
	const { items } = await run([{ output, result }], { downloadOutputs: false });
	expect(fileRequests().length).toBe(before);
	expect(items[0].binary).toBeUndefined();
	expect(items[0].json.success).toBe(true);
	expect(items[0].json.files).toEqual(
		(result.images as IDataObject[]).map(({ url }) => ({
			url,
			mimeType: null,
			fileName: new URL(url as string).pathname.split('/').pop(),
			fileSize: null,
			binaryProperty: null,
		})),
	);
});

test('a sync run whose body is the file: stored as output.png, url null, bytes exact', async () => {
	const params = { prompt: 'a blue boat' };
	const expected = Buffer.from(
		await (
			await fetch(`${api.emulator.url}/v1/${MEDIA_SLUGS.png}`, {
				method: 'POST',
				headers: { 'x-api-key': SECRET_API_KEY, 'content-type': 'application/json' },
				body: JSON.stringify(params),
			})
		).arrayBuffer(),
	);
	const { items } = await run([{ syncRun: { slug: MEDIA_SLUGS.png, body: params } }], {
		downloadOutputs: false,
		maxFileSize: 1,
	});
	expect(items[0].json).toMatchObject({
		success: true,
		output: null,
		files: [
			{
				url: null,
				mimeType: 'image/png',
				fileName: 'output.png',
				fileSize: expected.length,
				binaryProperty: 'data',
			},
		],
	});
	expect(storedBytes(items[0].binary?.data as IBinaryData).equals(expected)).toBe(true);
});

describe('download faults', () => {
	test('download-500-once: retried, then stored', async () => {
		const url = await fileUrl('#emulate:download-500-once');
		const { items } = await run([{ output: url }]);
		expect(items[0].json).toMatchObject({
			success: true,
			files: [{ url, binaryProperty: 'data' }],
		});
		expect(fileRequests().map(({ status, fault }) => [status, fault])).toEqual([
			[500, 'download-500-once'],
			[200, undefined],
		]);
	});

	test('download-reset: retried, then stored whole', async () => {
		const url = await fileUrl('#emulate:download-reset');
		const { items } = await run([{ output: url }]);
		expect(items[0].json).toMatchObject({ success: true });
		const expected = await hashUrl(url);
		expect(await hashFile(binaryData.pathOf(items[0].binary?.data.id as string))).toEqual(expected);
		expect(fileRequests()[0]).toMatchObject({ outcome: 'reset', fault: 'download-reset' });
	});

	test('download-slow within the timeout: stored', async () => {
		api.emulator.configure({ faults: { rate: 0, kinds: [], slowMs: 300 } });
		const url = await fileUrl('#emulate:download-slow');
		const { items } = await run([{ output: url }], { timeout: 30_000 });
		expect(items[0].json).toMatchObject({ success: true, files: [{ binaryProperty: 'data' }] });
	});

	test('download-slow past the timeout: download_failed, a timeout with the 200 it got', async () => {
		api.emulator.configure({ faults: { rate: 0, kinds: [], slowMs: 3000 } });
		const url = await fileUrl('#emulate:download-slow');
		const { items } = await run([{ output: url }], { timeout: 500 });
		expect(items[0].json).toMatchObject({
			success: false,
			status: 'download_failed',
			statusCode: 200,
			statusMessage: 'The output file could not be downloaded',
			error: '127.0.0.1: not downloaded within the timeout of 500 ms',
			files: [{ url, binaryProperty: null, mimeType: null, fileSize: null }],
		});
		expect(items[0].binary).toBeUndefined();
	});

	test('download-404: download_failed with the 404, not retried', async () => {
		const url = await fileUrl('#emulate:download-404');
		const { items } = await run([{ output: url }]);
		expect(items[0].json).toMatchObject({
			success: false,
			status: 'download_failed',
			statusCode: 404,
			error: '127.0.0.1: HTTP 404 Not Found',
		});
		expect(fileRequests()).toHaveLength(1);
	});

	test('download-redirect: followed on the same host, stored', async () => {
		const url = await fileUrl('#emulate:download-redirect');
		const { items } = await run([{ output: url }]);
		expect(items[0].json).toMatchObject({
			success: true,
			files: [{ url, fileName: url.split('/').pop() }],
		});
		expect(fileRequests().map(({ path, status }) => [path, status])).toEqual([
			[new URL(url).pathname, 302],
			[new URL(url).pathname.replace('/files/', '/files/moved/'), 200],
		]);
	});

	test('download-redirect-foreign: the hop to another host is refused, naming it and downloadFrom', async () => {
		const url = await fileUrl('#emulate:download-redirect-foreign');
		const { items } = await run([{ output: url }]);
		expect(items[0].json).toMatchObject({
			success: false,
			status: 'download_failed',
			statusCode: 302,
			error:
				'evil.example: not downloaded: downloadFrom "segmind" allows only segmind.com, its subdomains and the base URL\'s host (127.0.0.1)',
		});
	});

	test('no-content-type: the type comes from the URL’s extension', async () => {
		const url = await fileUrl('#emulate:no-content-type');
		const { items } = await run([{ output: url }]);
		expect(items[0].json.files).toEqual([
			expect.objectContaining({ mimeType: 'image/png', fileName: url.split('/').pop() }),
		]);
		expect(items[0].binary?.data).toMatchObject({ mimeType: 'image/png' });
	});

	test('content-disposition: its name wins over the URL’s', async () => {
		const url = await fileUrl('#emulate:content-disposition');
		const { items } = await run([{ output: url }]);
		expect(items[0].json.files).toEqual([
			expect.objectContaining({ fileName: `${MEDIA_SLUGS.png}-output.png` }),
		]);
		expect(items[0].binary?.data).toMatchObject({ fileName: `${MEDIA_SLUGS.png}-output.png` });
	});

	test('one failed file among several: the others stored and numbered without a gap', async () => {
		const good = await fileUrl();
		const missing = await fileUrl('#emulate:download-404');
		const other = await fileUrl('another');
		const { items } = await run([{ output: [good, missing, other] }]);
		expect(items[0].json).toMatchObject({
			success: false,
			status: 'download_failed',
			statusCode: 404,
		});
		expect(
			(items[0].json.files as IDataObject[]).map(({ binaryProperty }) => binaryProperty),
		).toEqual(['data', null, 'data_1']);
		expect(Object.keys(items[0].binary ?? {})).toEqual(['data', 'data_1']);
	});
});

describe('maxFileSize', () => {
	test('a Content-Length over it is refused before the body is read', async () => {
		const url = await fileUrl('#emulate:huge:2');
		const before = binaryData.storedFiles();
		const { items } = await run([{ output: url }], { maxFileSize: 1 });
		expect(items[0].json).toMatchObject({
			success: false,
			status: 'download_failed',
			statusCode: 200,
			error: '127.0.0.1: larger than maxFileSize (1 MiB)',
			files: [{ url, binaryProperty: null }],
		});
		expect(fileRequests()).toHaveLength(1);
		expect(binaryData.storedFiles()).toEqual(before);
	});

	test('without a Content-Length, reading stops at it: the host sees the client leave, nothing is stored', async () => {
		// 64 MiB: more than the sockets' buffers hold, so the server sees the client leave.
		const url = await fileUrl('#emulate:huge-no-length:64');
		const report = await downloadInOwnProcess({
			credentials: api.credentials(),
			input: [{ output: url }],
			options: { maxFileSize: 1 },
		});
		expect(report.json).toMatchObject({
			success: false,
			status: 'download_failed',
			statusCode: 200,
			error: '127.0.0.1: larger than maxFileSize (1 MiB)',
			files: [{ url, binaryProperty: null, fileSize: null }],
		});
		expect(report.storedFilesAfter).toBe(report.storedFilesBefore);
		const log = await api.settledLog();
		expect(log.filter((entry) => entry.kind === 'file')).toEqual([
			expect.objectContaining({ outcome: 'aborted-by-client', keyGiven: false }),
		]);
	}, 120_000);
});

test("a store that refuses the file (database mode's cap): download_failed with its reason", async () => {
	const { Container } = await import('@n8n/di');
	const { BinaryDataService, FileTooLargeError } = await import('n8n-core');
	const service = Container.get(BinaryDataService);
	service.setManager('filesystem-v2', {
		init: async () => {},
		async store(
			_location: unknown,
			stream: AsyncIterable<Buffer>,
			metadata: { fileName?: string },
		) {
			let size = 0;
			for await (const chunk of stream) size += chunk.length;
			throw new FileTooLargeError({
				fileSizeMb: size / MIB,
				maxFileSizeMb: 0,
				fileId: 'f1',
				fileName: metadata.fileName,
			});
		},
	} as never);
	try {
		const url = await fileUrl();
		const { items } = await run([{ output: url }]);
		expect(items[0].json).toMatchObject({
			success: false,
			status: 'download_failed',
			statusCode: 200,
		});
		expect(items[0].json.error).toMatch(
			/^127\.0\.0\.1: n8n's binary data store refused the file: Failed to write binary file ".+\.png" \(f1\) because its size of [\d.]+ MB exceeds the max size limit of 0 MB set for `database` mode/,
		);
		expect(fileRequests()).toHaveLength(1);
	} finally {
		await service.init();
	}
});

test('Stop With an Error: the run stops with download_failed, naming the request id and the file URLs', async () => {
	const url = await fileUrl('#emulate:download-404');
	const { error, items } = await run([{ output: url, requestId: 'req-42' }], {
		apiErrors: 'throw',
	});
	expect(items).toEqual([]);
	expect(error?.message).toBe('The output file could not be downloaded [download_failed]');
	expect(error?.description).toContain('127.0.0.1: HTTP 404 Not Found');
	expect(error?.description).toContain('Request ID: req-42');
	expect(error?.description).toContain(`File URLs: ${url}.`);
});

test('a 200 MiB file is streamed into the store: the process grows far less than the file', async () => {
	const url = await fileUrl('#emulate:huge:200');
	const report = await downloadInOwnProcess({
		credentials: api.credentials(),
		warmUp: [{ output: await fileUrl('#emulate:huge:64') }],
		input: [{ output: url }],
		options: { maxFileSize: 256 },
		hashUrl: url,
	});
	expect(report.json.error).toBeUndefined();
	expect(report.json).toMatchObject({
		success: true,
		files: [{ url, mimeType: 'image/png', fileSize: 200 * MIB, binaryProperty: 'data' }],
	});
	expect(report.binary).toEqual({
		mimeType: 'image/png',
		fileName: url.split('/').pop(),
		bytes: 200 * MIB,
		data: 'filesystem-v2',
	});
	expect(report.rssGrowth).toBeLessThan(100 * MIB);
	expect(report.stored).toEqual({ sha256: report.served?.sha256, bytes: 200 * MIB });
}, 600_000);
