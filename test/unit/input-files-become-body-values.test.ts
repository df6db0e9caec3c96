// Input Files rows: checked from the item's metadata, then each file read once and placed into
// the body as a storage URL, a data: URI or bare base64 (no n8n, no HTTP: stand-ins for both).
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { BadInput } from '../../nodes/shared/badInput';
import {
	inputMimeType,
	placeInputValues,
	readBinaryInputs,
	readFileUrls,
	resolveBinaryInputs,
	uploadResultOf,
	type BinaryInputs,
	type InputFile,
	type InputRow,
	type UploadResult,
} from '../../nodes/shared/inputs';

const MiB = 1024 * 1024;

const file = (property: string, mimeType = 'image/png'): InputFile => ({
	itemIndex: 0,
	property,
	mimeType,
	field: 'binaryInputs[0].binaryPropertyName',
});

const row = (parameter: string, sendAs: InputRow['sendAs'], ...properties: string[]): InputRow => ({
	parameter,
	sendAs,
	files: properties.map((property) => file(property)),
});

/** Files whose base64 is `<property>64`, an upload that answers `https://storage/<n>`; both record calls. */
function fakeAccess(results: Array<UploadResult | undefined> = []) {
	const reads: string[] = [];
	const uploads: string[] = [];
	return {
		reads,
		uploads,
		access: {
			read: async ({ property }: InputFile) => {
				reads.push(property);
				return `${property}64`;
			},
			upload: async (dataUri: string) => {
				uploads.push(dataUri);
				if (results.length > 0) return results.shift();
				return { uploaded: true as const, urls: [`https://storage/${uploads.length}`], status: ok, response: {} };
			},
		},
	};
}

const ok = { success: true, statusCode: 200, status: 'ok', statusMessage: 'OK', remainingCredits: null };

const resolve = async (body: IDataObject, rows: InputRow[], results?: Array<UploadResult | undefined>) => {
	const fake = fakeAccess(results);
	const applied = await resolveBinaryInputs(body, { rows } as BinaryInputs, fake.access);
	return { applied, ...fake };
};

describe('each Send As', () => {
	test('upload: the file goes to the storage as a data: URI and its URL into the parameter', async () => {
		const { applied, uploads } = await resolve({ prompt: 'a cat' }, [row('image', 'upload', 'photo')]);
		expect(uploads).toEqual(['data:image/png;base64,photo64']);
		expect(applied).toEqual({ body: { prompt: 'a cat', image: 'https://storage/1' } });
	});

	test('dataUri: data:<mime>;base64,<data>, nothing uploaded', async () => {
		const { applied, uploads } = await resolve({}, [
			{ parameter: 'audio', sendAs: 'dataUri', files: [file('voice', 'audio/mpeg')] },
		]);
		expect(applied).toEqual({ body: { audio: 'data:audio/mpeg;base64,voice64' } });
		expect(uploads).toEqual([]);
	});

	test('base64: the bare base64, encoded once', async () => {
		const { applied } = await resolve({}, [row('image', 'base64', 'photo')]);
		expect(applied).toEqual({ body: { image: 'photo64' } });
	});

	test('no rows: the body as it is, nothing read', async () => {
		const body = { prompt: 'x' };
		const { applied, reads } = await resolve(body, []);
		expect(applied).toEqual({ body });
		expect(reads).toEqual([]);
	});
});

describe('arrays and precedence', () => {
	test('comma-separated fields give an array in the order named, one upload per file', async () => {
		const { applied, uploads } = await resolve({}, [row('image_urls', 'upload', 'front', 'back', 'side')]);
		expect(applied).toEqual({ body: { image_urls: ['https://storage/1', 'https://storage/2', 'https://storage/3'] } });
		expect(uploads).toEqual(['data:image/png;base64,front64', 'data:image/png;base64,back64', 'data:image/png;base64,side64']);
	});

	test('repeated rows with one parameter give an array in row order, whatever each sends as', async () => {
		const { applied } = await resolve({}, [
			row('images', 'base64', 'a'),
			row('mask', 'dataUri', 'm'),
			row('images', 'dataUri', 'b', 'c'),
		]);
		expect(applied).toEqual({
			body: { images: ['a64', 'data:image/png;base64,b64', 'data:image/png;base64,c64'], mask: 'data:image/png;base64,m64' },
		});
	});

	test('one file for a parameter the body has as an array stays an array', async () => {
		const { applied } = await resolve({ reference_images: [] }, [row('reference_images', 'base64', 'a')]);
		expect(applied).toEqual({ body: { reference_images: ['a64'] } });
	});

	test('rows win over the body: its value is replaced, not added to, and keeps its place', async () => {
		const body = { image: 'https://example.com/old.png', prompt: 'p', image_urls: ['https://example.com/1.png'] };
		const { applied } = await resolve(body, [row('image', 'base64', 'a'), row('image_urls', 'base64', 'b')]);
		expect(applied).toEqual({ body: { image: 'a64', prompt: 'p', image_urls: ['b64'] } });
		expect(Object.keys((applied as { body: IDataObject }).body)).toEqual(['image', 'prompt', 'image_urls']);
		expect(body.image).toBe('https://example.com/old.png');
	});

	test('placeInputValues alone: a single value stays a single value', () => {
		expect(placeInputValues({ a: 1 }, [{ parameter: 'b', values: ['x'] }])).toEqual({ a: 1, b: 'x' });
		expect(placeInputValues({ b: 'old' }, [{ parameter: 'b', values: ['x', 'y'] }])).toEqual({ b: ['x', 'y'] });
	});
});

describe('each file is read once', () => {
	test('a property named by several rows is read once; an upload of it is made once', async () => {
		const { applied, reads, uploads } = await resolve({}, [
			row('image', 'upload', 'photo'),
			row('thumbnail', 'upload', 'photo'),
			row('inline', 'base64', 'photo'),
			row('mask', 'dataUri', 'mask'),
		]);
		expect(reads).toEqual(['photo', 'mask']);
		expect(uploads).toHaveLength(1);
		expect(applied).toEqual({
			body: { image: 'https://storage/1', thumbnail: 'https://storage/1', inline: 'photo64', mask: 'data:image/png;base64,mask64' },
		});
	});
});

describe('a failed upload', () => {
	const unauthorized: UploadResult = {
		uploaded: false,
		status: { success: false, statusCode: 401, status: 'unauthorized', statusMessage: 'User authentication failed', remainingCredits: null, error: 'Invalid API key' },
		response: { error: 'Invalid API key' },
	};

	test('stops the item with the upload status, error starting Uploading "<property>": ; later files are not uploaded', async () => {
		const { applied, uploads } = await resolve({}, [row('image', 'upload', 'photo'), row('mask', 'upload', 'mask')], [unauthorized]);
		expect(applied).toEqual({
			failed: {
				status: { ...unauthorized.status, error: 'Uploading "photo": Invalid API key' },
				response: { error: 'Invalid API key' },
			},
		});
		expect(uploads).toHaveLength(1);
	});

	test('names the file that failed, not the first one', async () => {
		const first: UploadResult = { uploaded: true, urls: ['https://storage/a'], status: ok, response: {} };
		const { applied } = await resolve({}, [row('images', 'upload', 'front', 'back')], [first, unauthorized]);
		expect(applied).toMatchObject({ failed: { status: { error: 'Uploading "back": Invalid API key' } } });
	});

	test('a run that stopped during an upload resolves undefined', async () => {
		const { applied } = await resolve({}, [row('image', 'upload', 'photo')], [undefined]);
		expect(applied).toBeUndefined();
	});
});

describe('the MIME type', () => {
	test.each([
		['its own, lower case, parameters dropped', { mimeType: 'Image/PNG; q=1', fileName: 'a.jpg' }, 'image/png'],
		['from the file name when application/octet-stream', { mimeType: 'application/octet-stream', fileName: 'scan.JPEG' }, 'image/jpeg'],
		['from the file name when missing', { mimeType: '', fileName: 'song.mp3' }, 'audio/mpeg'],
		['from the file name when binary/octet-stream', { mimeType: 'binary/octet-stream', fileName: 'clip.webm' }, 'video/webm'],
		["from n8n's fileExtension when the name has none", { mimeType: '', fileName: 'upload', fileExtension: 'wav' }, 'audio/wav'],
		['application/octet-stream when neither tells', { mimeType: '', fileName: 'blob.xyz' }, 'application/octet-stream'],
		['application/octet-stream without a name', { mimeType: 'application/octet-stream' }, 'application/octet-stream'],
	])('%s', (_case, binary, mimeType) => {
		expect(inputMimeType(binary as never)).toBe(mimeType);
	});
});

describe('the upload answer', () => {
	const answer = (statusCode: number, body: unknown) =>
		({ answered: true, statusCode, reasonPhrase: '', headers: {}, body }) as const;

	test.each([
		['urls (the docs)', { urls: ['https://s/1', 'https://s/2'] }],
		['file_urls (the SDK)', { file_urls: ['https://s/1', 'https://s/2'], message: 'Files uploaded successfully' }],
		['a JSON string of it', JSON.stringify({ file_urls: ['https://s/1', 'https://s/2'] })],
	])('reads %s', (_shape, body) => {
		expect(readFileUrls(body)).toEqual(['https://s/1', 'https://s/2']);
	});

	test('reads url, a single URL', () => {
		expect(readFileUrls({ url: 'https://s/1' })).toEqual(['https://s/1']);
	});

	test('a 2xx without a file URL is http_error, "The answer carried no file URL", with its code', () => {
		expect(uploadResultOf(answer(200, { message: 'Files uploaded successfully', urls: [] }))).toEqual({
			uploaded: false,
			status: {
				success: false,
				statusCode: 200,
				status: 'http_error',
				statusMessage: 'The answer carried no file URL',
				remainingCredits: null,
				error: 'The upload answer carried none of file_urls, urls and url: {"message":"Files uploaded successfully","urls":[]}',
			},
			response: { message: 'Files uploaded successfully', urls: [] },
		});
	});

	test('a failure keeps its own status and text', () => {
		expect(uploadResultOf(answer(406, { error: 'Not enough credits' }))).toMatchObject({
			uploaded: false,
			status: { statusCode: 406, status: 'insufficient_credits', error: 'Not enough credits' },
		});
		expect(uploadResultOf({ answered: false, kind: 'timeout', code: 'ETIMEDOUT', message: 'No answer within the timeout of 50 ms' })).toMatchObject({
			uploaded: false,
			status: { statusCode: null, status: 'timeout', error: 'No answer within the timeout of 50 ms' },
			response: undefined,
		});
	});
});

describe('checking rows before anything is read', () => {
	const contextWith = (rows: unknown) =>
		({ getNodeParameter: (name: string, _index: number, fallback: unknown) => (name === 'binaryInputs.values' ? rows : fallback) }) as unknown as IExecuteFunctions;
	const item = (binary: INodeExecutionData['binary']): INodeExecutionData => ({ json: {}, binary });
	const png = { data: 'filesystem-v2', id: 'filesystem-v2:1', bytes: 10, mimeType: 'image/png', fileName: 'a.png' };
	const read = (rows: unknown, input = item({ data: png }), maxFileSize?: number) =>
		readBinaryInputs(contextWith(rows), 3, input, maxFileSize);

	test('rows become parameters with their files, sendAs upload when unset', () => {
		expect(read([{ parameter: ' image ', binaryPropertyName: 'data' }, { parameter: 'refs', binaryPropertyName: 'data, mask', sendAs: 'base64' }], item({ data: png, mask: { ...png, mimeType: '', fileName: 'm.webp' } }))).toEqual({
			rows: [
				{ parameter: 'image', sendAs: 'upload', files: [{ itemIndex: 3, property: 'data', mimeType: 'image/png', field: 'binaryInputs[0].binaryPropertyName' }] },
				{
					parameter: 'refs',
					sendAs: 'base64',
					files: [
						{ itemIndex: 3, property: 'data', mimeType: 'image/png', field: 'binaryInputs[1].binaryPropertyName' },
						{ itemIndex: 3, property: 'mask', mimeType: 'image/webp', field: 'binaryInputs[1].binaryPropertyName' },
					],
				},
			],
			limitBytes: 256 * MiB,
		});
	});

	test('no rows: nothing to do', () => {
		expect(read(undefined)).toEqual({ rows: [], limitBytes: 256 * MiB });
	});

	test.each([
		['an empty parameter', [{ parameter: '  ', binaryPropertyName: 'data' }], /^binaryInputs\[0\]\.parameter is empty/],
		['a property the item lacks, by its row', [{ parameter: 'a', binaryPropertyName: 'data' }, { parameter: 'b', binaryPropertyName: 'photo' }], /^binaryInputs\[1\]\.binaryPropertyName: the item has no binary property "photo" \(it has "data"\)$/],
		['an empty binary field', [{ parameter: 'a', binaryPropertyName: ' , ' }], /^binaryInputs\[0\]\.binaryPropertyName is empty/],
		['a binary object instead of a name', [{ parameter: 'a', binaryPropertyName: { data: 'x' } }], /^binaryInputs\[0\]\.binaryPropertyName must be the name of a binary field \(for example data\), not an object$/],
		['an unknown sendAs', [{ parameter: 'a', binaryPropertyName: 'data', sendAs: 'url' }], /^binaryInputs\[0\]\.sendAs must be upload, dataUri, base64, not "url"$/],
	])('%s is bad input naming its field', (_case, rows, message) => {
		expect(() => read(rows)).toThrow(BadInput);
		expect(() => read(rows)).toThrow(message);
	});

	test('base64 typed into the binary field box is told apart from a missing name', () => {
		const base64 = Buffer.alloc(200, 7).toString('base64');
		expect(() => read([{ parameter: 'image', binaryPropertyName: base64 }])).toThrow(
			`binaryInputs[0].binaryPropertyName: the item has no binary property "${base64.slice(0, 40)}…" (it has "data"; this field takes the name of a binary field, not the file itself: base64 text you already have goes in the body)`,
		);
		expect(() => read([{ parameter: 'image', binaryPropertyName: 'data:image/png;base64,iVBO' }])).toThrow(/not the file itself/);
	});

	test('a binary that names a store but lost its id (a Code node copying fields by hand) is bad input, not a file of junk', () => {
		expect(() => read([{ parameter: 'image', binaryPropertyName: 'data' }], item({ data: { data: 'filesystem-v2', mimeType: 'image/png', bytes: 10 } }))).toThrow(
			'binaryInputs[0].binaryPropertyName: binary property "data" has lost its file: it names n8n\'s "filesystem-v2" store but has no file id, as when a Code node copies binary fields by hand (pass the binary object on whole)',
		);
		expect(() => read([{ parameter: 'image', binaryPropertyName: 'data' }], item({ data: { ...png, data: 'database', id: 'database:7' } }))).not.toThrow();
	});

	test('an item without binary data says a node in between may have dropped it', () => {
		expect(() => read([{ parameter: 'image', binaryPropertyName: 'data' }], item(undefined))).toThrow(
			'binaryInputs[0].binaryPropertyName: the item has no binary property "data" (it has no binary data: a node in between, such as a Code node that returns new items, may have dropped it)',
		);
	});

	test('a file over maxFileSize by its metadata is bad input; exactly the limit is not', () => {
		const big = item({ data: { ...png, bytes: 3 * MiB + 1 } });
		expect(() => read([{ parameter: 'image', binaryPropertyName: 'data' }], big, 3)).toThrow(
			`binaryInputs[0].binaryPropertyName: binary property "data" is ${3 * MiB + 1} bytes, more than maxFileSize (3 MiB)`,
		);
		expect(() => read([{ parameter: 'image', binaryPropertyName: 'data' }], item({ data: { ...png, bytes: 3 * MiB } }), 3)).not.toThrow();
		const inMemory = item({ data: { data: 'A'.repeat(8 * MiB), mimeType: 'image/png' } });
		expect(() => read([{ parameter: 'image', binaryPropertyName: 'data' }], inMemory, 5)).toThrow(/is 6 MiB, more than maxFileSize \(5 MiB\)/);
	});
});
