// Output files stored (rules 1, 4 and 5): numbering, the files list, download_failed, data: URIs
// replaced in output, and a sync body kept whatever the options say.
import { Readable } from 'node:stream';
import type { IBinaryData } from 'n8n-workflow';

import {
	Deadline,
	type DownloadFailure,
	type DownloadLimits,
	type DownloadOutcome,
	type StoreDownload,
} from '../../nodes/shared/client';
import {
	readFileSettings,
	storeFileBody,
	storeFiles,
	storeOutputFiles,
	withBinaryReferences,
	type BinaryContext,
	type Downloader,
	type FileSettings,
} from '../../nodes/shared/files';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(200, 1)]);
const PNG_BASE64 = PNG.toString('base64');
const MP4 = Buffer.concat([
	Buffer.from('\x00\x00\x00\x20ftypisom', 'latin1'),
	Buffer.alloc(300, 2),
]);

const settings = (values: Record<string, unknown> = {}): FileSettings => readFileSettings(values);

/** n8n's prepareBinaryData as a recorder: reads streams whole, notes what it was given. */
function binaryStore(refuse?: (fileName?: string) => string | undefined) {
	const stored: Array<{ bytes: Buffer; fileName?: string; mimeType?: string }> = [];
	const context: BinaryContext = {
		getExecutionCancelSignal: () => undefined,
		helpers: {
			prepareBinaryData: async (data, fileName, mimeType) => {
				const chunks: Buffer[] = [];
				if (Buffer.isBuffer(data)) chunks.push(data);
				else for await (const chunk of data) chunks.push(chunk as Buffer);
				const reason = refuse?.(fileName);
				if (reason) throw new Error(reason);
				const bytes = Buffer.concat(chunks);
				stored.push({ bytes, fileName, mimeType });
				return {
					data: `stored-${stored.length}`,
					mimeType: mimeType ?? '',
					fileName,
				} as IBinaryData;
			},
		},
	};
	return { context, stored };
}

type Served =
	| { body: Buffer; headers?: Record<string, string> }
	| { failure: Partial<DownloadFailure> };

/** A client's download answered from a table: a body and headers, or a failure. */
function downloader(files: Record<string, Served>) {
	const calls: Array<{ url: string; limits: DownloadLimits }> = [];
	const fake: Downloader = {
		download: async <T>(url: string, limits: DownloadLimits, store: StoreDownload<T>) => {
			calls.push({ url, limits });
			const served = files[url];
			if (!served) throw new Error(`unexpected download of ${url}`);
			if ('failure' in served) {
				const failure: DownloadFailure = {
					kind: 'http',
					url,
					host: new URL(url).hostname,
					statusCode: 404,
					reason: 'HTTP 404 Not Found',
					...served.failure,
				};
				return { ok: false, failure } as DownloadOutcome<T>;
			}
			const stored = await store({
				body: Readable.from([served.body]),
				statusCode: 200,
				headers: served.headers ?? {},
				url,
			});
			return { ok: true, stored, bytes: served.body.length, statusCode: 200, url };
		},
	};
	return { fake, calls };
}

const A = 'https://images.segmind.com/generations/a.png';
const B = 'https://images.segmind.com/generations/b.mp4';
const C = 'https://images.segmind.com/generations/c';

test('URLs are downloaded in order into data, data_1...; files lists each exactly', async () => {
	const { fake, calls } = downloader({
		[A]: { body: PNG, headers: { 'content-type': 'image/png' } },
		[B]: {
			body: MP4,
			headers: {
				'content-type': 'video/mp4',
				'content-disposition': 'attachment; filename="clip.mp4"',
			},
		},
	});
	const { context, stored } = binaryStore();
	const result = await storeOutputFiles(fake, context, { output: { images: [A, B] } }, settings());
	expect(calls).toEqual([
		{ url: A, limits: { downloadFrom: 'segmind', maxFileSizeMiB: 256 } },
		{ url: B, limits: { downloadFrom: 'segmind', maxFileSizeMiB: 256 } },
	]);
	expect(result).toEqual({
		output: { images: [A, B] },
		files: [
			{
				url: A,
				mimeType: 'image/png',
				fileName: 'a.png',
				fileSize: PNG.length,
				binaryProperty: 'data',
			},
			{
				url: B,
				mimeType: 'video/mp4',
				fileName: 'clip.mp4',
				fileSize: MP4.length,
				binaryProperty: 'data_1',
			},
		],
		binary: {
			data: { data: 'stored-1', mimeType: 'image/png', fileName: 'a.png' },
			data_1: { data: 'stored-2', mimeType: 'video/mp4', fileName: 'clip.mp4' },
		},
	});
	expect(stored.map(({ bytes }) => bytes)).toEqual([PNG, MP4]);
});

test('the options reach the download: downloadFrom and maxFileSize', async () => {
	const { fake, calls } = downloader({ [A]: { body: PNG } });
	await storeOutputFiles(
		fake,
		binaryStore().context,
		{ output: A },
		settings({ downloadFrom: 'any', maxFileSize: 3.5 }),
	);
	expect(calls[0].limits).toEqual({ downloadFrom: 'any', maxFileSizeMiB: 3.5 });
});

test('another binaryPropertyOutput numbers from its own name', async () => {
	const { fake } = downloader({ [A]: { body: PNG }, [B]: { body: MP4 } });
	const result = await storeOutputFiles(
		fake,
		binaryStore().context,
		{ output: [A, B] },
		settings({ binaryPropertyOutput: 'image' }),
	);
	expect(Object.keys(result?.binary ?? {})).toEqual(['image', 'image_1']);
	expect(result?.files.map(({ binaryProperty }) => binaryProperty)).toEqual(['image', 'image_1']);
});

test('downloadOutputs off: URLs are listed, not downloaded; mimeType, fileSize and binaryProperty null', async () => {
	const { fake, calls } = downloader({});
	const result = await storeOutputFiles(
		fake,
		binaryStore().context,
		{ output: [A, C] },
		settings({ downloadOutputs: false }),
	);
	expect(calls).toEqual([]);
	expect(result).toEqual({
		output: [A, C],
		files: [
			{ url: A, mimeType: null, fileName: 'a.png', fileSize: null, binaryProperty: null },
			{ url: C, mimeType: null, fileName: 'c', fileSize: null, binaryProperty: null },
		],
	});
});

test('data: URIs and base64 are decoded whatever downloadOutputs says, and replaced in output', async () => {
	const output = {
		image: `data:image/png;base64,${PNG_BASE64}`,
		url: A,
		more: [{ b64: PNG_BASE64 }],
	};
	for (const downloadOutputs of [true, false]) {
		const { fake } = downloader({ [A]: { body: PNG, headers: { 'content-type': 'image/png' } } });
		const { context, stored } = binaryStore();
		const result = await storeOutputFiles(fake, context, { output }, settings({ downloadOutputs }));
		const urlFile = downloadOutputs
			? {
					url: A,
					mimeType: 'image/png',
					fileName: 'a.png',
					fileSize: PNG.length,
					binaryProperty: 'data_1',
				}
			: { url: A, mimeType: null, fileName: 'a.png', fileSize: null, binaryProperty: null };
		expect(result?.files).toEqual([
			{
				url: null,
				mimeType: 'image/png',
				fileName: 'output.png',
				fileSize: PNG.length,
				binaryProperty: 'data',
			},
			urlFile,
			{
				url: null,
				mimeType: 'image/png',
				fileName: 'output.png',
				fileSize: PNG.length,
				binaryProperty: downloadOutputs ? 'data_2' : 'data_1',
			},
		]);
		expect(result?.output).toEqual({
			image: 'binary:data',
			url: A,
			more: [{ b64: downloadOutputs ? 'binary:data_2' : 'binary:data_1' }],
		});
		expect(stored[0]).toEqual({ bytes: PNG, fileName: 'output.png', mimeType: 'image/png' });
	}
	// The answer itself is left as it came.
	expect(output.image).toMatch(/^data:/);
});

test('an output that is itself a data: URI becomes binary:data', async () => {
	const result = await storeOutputFiles(
		downloader({}).fake,
		binaryStore().context,
		{ output: `data:audio/mpeg;base64,${PNG_BASE64}` },
		settings(),
	);
	expect(result?.output).toBe('binary:data');
	expect(result?.files[0]).toMatchObject({ fileName: 'output.mp3', mimeType: 'audio/mpeg' });
});

test('a failed download takes no number; download_failed names each failed host; stored files stay', async () => {
	const D = 'https://cdn.segmind.com/d.png';
	const { fake } = downloader({
		[A]: { failure: { statusCode: 404, reason: 'HTTP 404 Not Found' } },
		[B]: { body: MP4, headers: { 'content-type': 'video/mp4' } },
		[D]: {
			failure: { kind: 'too_large', statusCode: 200, reason: 'larger than maxFileSize (1 MiB)' },
		},
		[C]: { body: PNG, headers: { 'content-type': 'image/png' } },
	});
	const result = await storeOutputFiles(
		fake,
		binaryStore().context,
		{ output: [A, B, D, C] },
		settings({ maxFileSize: 1 }),
	);
	expect(result?.files).toEqual([
		{ url: A, mimeType: null, fileName: 'a.png', fileSize: null, binaryProperty: null },
		{
			url: B,
			mimeType: 'video/mp4',
			fileName: 'b.mp4',
			fileSize: MP4.length,
			binaryProperty: 'data',
		},
		{ url: D, mimeType: null, fileName: 'd.png', fileSize: null, binaryProperty: null },
		{
			url: C,
			mimeType: 'image/png',
			fileName: 'c.png',
			fileSize: PNG.length,
			binaryProperty: 'data_1',
		},
	]);
	expect(Object.keys(result?.binary ?? {})).toEqual(['data', 'data_1']);
	expect(result?.failure).toEqual({
		success: false,
		statusCode: 404,
		status: 'download_failed',
		statusMessage: 'The output file could not be downloaded',
		error:
			'images.segmind.com: HTTP 404 Not Found; cdn.segmind.com: larger than maxFileSize (1 MiB)',
	});
});

test('a refused host fails its file with a null status code', async () => {
	const evil = 'https://evil.example/a.png';
	const { fake } = downloader({
		[evil]: {
			failure: {
				kind: 'refused',
				statusCode: null,
				reason:
					'not downloaded: downloadFrom "segmind" allows only segmind.com, its subdomains and the base URL\'s host (api.segmind.com)',
			},
		},
	});
	const result = await storeOutputFiles(fake, binaryStore().context, { output: evil }, settings());
	expect(result?.binary).toBeUndefined();
	expect(result?.failure).toMatchObject({
		statusCode: null,
		error:
			'evil.example: not downloaded: downloadFrom "segmind" allows only segmind.com, its subdomains and the base URL\'s host (api.segmind.com)',
	});
});

test('a decoded file the store refuses is download_failed with its reason, under its name', async () => {
	const { context } = binaryStore(() => 'Binary data file is too large');
	const result = await storeOutputFiles(
		downloader({}).fake,
		context,
		{ output: { image: PNG_BASE64 } },
		settings(),
	);
	expect(result?.files).toEqual([
		{ url: null, mimeType: null, fileName: 'output.png', fileSize: null, binaryProperty: null },
	]);
	expect(result?.output).toEqual({ image: PNG_BASE64 });
	expect(result?.failure).toMatchObject({
		statusCode: null,
		error: "output.png: n8n's binary data store refused the file: Binary data file is too large",
	});
});

test('a queued result: output first, then its other fields; one URL once', async () => {
	const { fake, calls } = downloader({ [A]: { body: PNG }, [B]: { body: MP4 } });
	const result = {
		status: 'COMPLETED',
		metrics: { cost: 0.1 },
		output: A,
		images: [{ url: A }, { url: B }],
		input: { image: C },
	};
	const stored = await storeOutputFiles(
		fake,
		binaryStore().context,
		{ output: result.output, result },
		settings(),
	);
	expect(calls.map(({ url }) => url)).toEqual([A, B]);
	expect(stored?.files.map(({ url, binaryProperty }) => [url, binaryProperty])).toEqual([
		[A, 'data'],
		[B, 'data_1'],
	]);
	expect(stored?.output).toBe(A);
});

test('no files: an empty list, no binary, no failure', async () => {
	const result = await storeOutputFiles(
		downloader({}).fake,
		binaryStore().context,
		{ output: { text: 'hi' } },
		settings(),
	);
	expect(result).toEqual({ output: { text: 'hi' }, files: [] });
});

test('a run that stops during a download resolves undefined', async () => {
	const stopped: Downloader = { download: async () => undefined };
	expect(
		await storeOutputFiles(stopped, binaryStore().context, { output: A }, settings()),
	).toBeUndefined();
	expect(
		await storeFiles(stopped, binaryStore().context, [{ source: 'url', url: A }], settings()),
	).toBeUndefined();
});

test('binary references replace only stored inline files, by path', () => {
	const output = { a: 'x', b: ['y', 'z'] };
	expect(
		withBinaryReferences(
			output,
			[
				{ source: 'inline', mimeType: 'image/png', base64: 'x', at: ['a'] },
				{ source: 'inline', mimeType: 'image/png', base64: 'z', at: ['b', 1] },
				{ source: 'url', url: A, at: ['b', 0] },
			],
			[null, 'data', 'data_1'],
		),
	).toEqual({ a: 'x', b: ['y', 'binary:data'] });
	expect(withBinaryReferences(output, [], [])).toBe(output);
});

describe('a sync body is one file, always kept', () => {
	test('a buffer: output.<ext> from its type, url null', async () => {
		const { context, stored } = binaryStore();
		const result = await storeFileBody(context, PNG, {
			contentType: 'image/png; charset=binary',
			binaryPropertyOutput: 'data',
		});
		expect(result).toEqual({
			ok: true,
			files: [
				{
					url: null,
					mimeType: 'image/png',
					fileName: 'output.png',
					fileSize: PNG.length,
					binaryProperty: 'data',
				},
			],
			binary: { data: { data: 'stored-1', mimeType: 'image/png', fileName: 'output.png' } },
		});
		expect(stored[0].bytes).toEqual(PNG);
	});

	test('a buffer with no type or octet-stream: its bytes name the type', async () => {
		for (const contentType of [undefined, 'application/octet-stream', 'binary/octet-stream']) {
			const result = await storeFileBody(binaryStore().context, MP4, {
				contentType,
				binaryPropertyOutput: 'clip',
			});
			expect(result).toMatchObject({
				ok: true,
				files: [{ mimeType: 'video/mp4', fileName: 'output.mp4', binaryProperty: 'clip' }],
			});
		}
		const unknown = await storeFileBody(binaryStore().context, Buffer.from('??'), {
			binaryPropertyOutput: 'data',
		});
		expect(unknown).toMatchObject({
			files: [{ mimeType: 'application/octet-stream', fileName: 'output.bin' }],
		});
	});

	test('a stream is stored as it comes, its bytes counted', async () => {
		const big = Buffer.alloc(3 * 1024 * 1024, 5);
		const { context, stored } = binaryStore();
		const body = Readable.from([big.subarray(0, 1_000_000), big.subarray(1_000_000)]);
		const result = await storeFileBody(context, body, {
			contentType: 'audio/mpeg',
			binaryPropertyOutput: 'data',
		});
		expect(result).toMatchObject({
			ok: true,
			files: [{ mimeType: 'audio/mpeg', fileName: 'output.mp3', fileSize: big.length }],
		});
		expect(stored[0].bytes.equals(big)).toBe(true);
	});

	test('a store that refuses it: download_failed with its reason', async () => {
		const { context } = binaryStore(() => 'too large for the database');
		const result = await storeFileBody(context, PNG, {
			contentType: 'image/png',
			binaryPropertyOutput: 'data',
		});
		expect(result).toEqual({
			ok: false,
			status: {
				success: false,
				statusCode: 200,
				status: 'download_failed',
				statusMessage: 'The output file could not be downloaded',
				error: "n8n's binary data store refused the file: too large for the database",
			},
		});
	});

	test('a stream still arriving at the deadline: timeout', async () => {
		const body = new Readable({ read() {} });
		body.push(Buffer.alloc(10));
		const deadline = new Deadline(200);
		deadline.start();
		const result = await storeFileBody(binaryStore().context, body, {
			contentType: 'image/png',
			binaryPropertyOutput: 'data',
			deadline,
		});
		expect(result).toEqual({
			ok: false,
			status: {
				success: false,
				statusCode: null,
				status: 'timeout',
				statusMessage: 'The request timed out',
				error: 'No answer within the timeout of 200 ms',
			},
		});
		expect(body.destroyed).toBe(true);
	});

	test('the deadline ends the wait even for a stream a destroy cannot end; the request is aborted', async () => {
		// As n8n's httpRequest wraps a body: a stream over an iterator that waits on its source.
		const body = Readable.from(
			(async function* () {
				yield Buffer.alloc(10);
				await new Promise(() => {});
			})(),
		);
		const abort = new AbortController();
		const deadline = new Deadline(200);
		deadline.start();
		const started = Date.now();
		const result = await storeFileBody(binaryStore().context, body, {
			contentType: 'image/png',
			binaryPropertyOutput: 'data',
			deadline,
			abort,
		});
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(result).toMatchObject({ ok: false, status: { status: 'timeout' } });
		expect(abort.signal.aborted).toBe(true);
	});

	test('a stream cut short: network_error', async () => {
		const body = new Readable({ read() {} });
		body.push(Buffer.alloc(10));
		setTimeout(() => body.destroy(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })), 20);
		const result = await storeFileBody(binaryStore().context, body, {
			contentType: 'image/png',
			binaryPropertyOutput: 'data',
		});
		expect(result).toEqual({
			ok: false,
			status: {
				success: false,
				statusCode: null,
				status: 'network_error',
				statusMessage: 'The connection to the API failed',
				error: 'The answer was cut short: aborted (ECONNRESET)',
			},
		});
	});

	test('a run cancelled while the body is read: undefined', async () => {
		const body = new Readable({ read() {} });
		const controller = new AbortController();
		const { context } = binaryStore();
		setTimeout(() => controller.abort(), 20);
		const result = await storeFileBody(
			{ ...context, getExecutionCancelSignal: () => controller.signal },
			body,
			{ contentType: 'image/png', binaryPropertyOutput: 'data' },
		);
		expect(result).toBeUndefined();
	});
});
