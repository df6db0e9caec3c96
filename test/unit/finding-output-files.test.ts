// Which answers are files (rules 2 and 3): whole-string URLs, data: URIs and media base64, in
// order, a URL once.
import {
	declaredFile,
	fileOfString,
	findFiles,
	findResultFiles,
	sniffMimeType,
} from '../../nodes/shared/files';

const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex');
const padded = (head: Buffer, size = 120) => Buffer.concat([head, Buffer.alloc(size, 0x41)]);

/** The first bytes of each media type rule 3 names. */
const SIGNATURES: Array<[string, Buffer]> = [
	['image/png', hex('89504e470d0a1a0a 0000000d49484452')],
	['image/jpeg', hex('ffd8ffe000104a464946')],
	['image/gif', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
	['image/gif', Buffer.from('GIF87a\x01\x00\x01\x00', 'latin1')],
	['image/webp', Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1')],
	['video/mp4', Buffer.from('\x00\x00\x00\x20ftypisom\x00\x00\x02\x00', 'latin1')],
	['audio/mpeg', Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1')],
	['audio/mpeg', hex('fffb9064000000000000')],
	['audio/wav', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')],
	['audio/ogg', Buffer.from('OggS\x00\x02\x00\x00\x00\x00', 'latin1')],
];

const PNG = padded(SIGNATURES[0][1]);
const PNG_BASE64 = PNG.toString('base64');

test.each(SIGNATURES)('bare base64 of %s is a file of that type', (mimeType, head) => {
	const base64 = padded(head).toString('base64');
	expect(base64.length).toBeGreaterThanOrEqual(100);
	expect(fileOfString(base64)).toEqual({ source: 'inline', mimeType, base64 });
	expect(sniffMimeType(head)).toBe(mimeType);
});

test.each([
	['shorter than 100 characters', padded(SIGNATURES[0][1], 50).toString('base64')],
	['of bytes that are no media file', Buffer.alloc(200, 0x41).toString('base64')],
	['of text', Buffer.from('Hello world, '.repeat(20)).toString('base64')],
	['with a line break', `${PNG_BASE64.slice(0, 76)}\n${PNG_BASE64.slice(76)}`],
	['with a length no base64 has', `${PNG_BASE64.replace(/=+$/, '')}A`.slice(0, 101)],
	['of hex digits', 'a1b2'.repeat(40)],
	['of an AAC frame (no MP3 layer)', padded(hex('fff15080')).toString('base64')],
])('base64 %s is not a file', (_name, text) => {
	expect(fileOfString(text)).toBeUndefined();
});

test.each([
	['https://images.segmind.com/generations/a.jpeg'],
	['HTTPS://images.segmind.com/a.png'],
	['https://evil.example/a.png?x=1#y'],
	['http://localhost:4010/files/a.png'],
	['http://127.0.0.1:4010/files/a.png'],
	['http://[::1]:4010/files/a.png'],
])('%s is a file URL, kept as written', (url) => {
	expect(fileOfString(url)).toEqual({ source: 'url', url });
});

test.each([
	['plain http elsewhere', 'http://images.segmind.com/a.png'],
	['another scheme', 'ftp://segmind.com/a.png'],
	['text around it', 'see https://images.segmind.com/a.png'],
	['a space before it', ' https://images.segmind.com/a.png'],
	['a space after it', 'https://images.segmind.com/a.png '],
	['two URLs', 'https://a.segmind.com/1.png https://a.segmind.com/2.png'],
	['no host', 'https://'],
	['a bare domain', 'images.segmind.com/a.png'],
])('%s is not a file', (_name, text) => {
	expect(fileOfString(text)).toBeUndefined();
});

test.each([
	['its type', `data:image/png;base64,${PNG_BASE64}`, 'image/png'],
	['a type in capitals', `data:IMAGE/JPEG;base64,${PNG_BASE64}`, 'image/jpeg'],
	['parameters before base64', `data:audio/wav;rate=44100;base64,${PNG_BASE64}`, 'audio/wav'],
	['no type: the bytes decide', `data:;base64,${PNG_BASE64}`, 'image/png'],
	[
		'octet-stream: the bytes decide',
		`data:application/octet-stream;base64,${PNG_BASE64}`,
		'image/png',
	],
	[
		'octet-stream of unknown bytes',
		'data:application/octet-stream;base64,AAAA',
		'application/octet-stream',
	],
	['a short one', 'data:text/plain;base64,SGk=', 'text/plain'],
])('a data: URI is a file of %s', (_name, uri, mimeType) => {
	expect(fileOfString(uri)).toEqual({ source: 'inline', mimeType, base64: uri.split(',')[1] });
});

test.each([
	['not base64', 'data:image/png,rawtext'],
	['broken base64', 'data:image/png;base64,ab$c'],
	['text before it', ` data:image/png;base64,${PNG_BASE64}`],
])('a data: URI %s is not a file', (_name, text) => {
	expect(fileOfString(text)).toBeUndefined();
});

test('a value is walked object keys in order, arrays in order; each file with its path', () => {
	const output = {
		b: 'https://a.segmind.com/1.png',
		a: [
			'nothing',
			{ url: 'https://a.segmind.com/2.png', n: 3 },
			`data:image/png;base64,${PNG_BASE64}`,
		],
		c: { deep: [[PNG_BASE64]] },
		d: null,
		e: true,
	};
	expect(findFiles(output)).toEqual([
		{ source: 'url', url: 'https://a.segmind.com/1.png', at: ['b'] },
		{ source: 'url', url: 'https://a.segmind.com/2.png', at: ['a', 1, 'url'] },
		{ source: 'inline', mimeType: 'image/png', base64: PNG_BASE64, at: ['a', 2] },
		{ source: 'inline', mimeType: 'image/png', base64: PNG_BASE64, at: ['c', 'deep', 0, 0] },
	]);
});

test('a URL counts once; repeated inline files each count', () => {
	const url = 'https://images.segmind.com/a.png';
	expect(
		findFiles({ output: url, images: [{ url }, { url }], more: [PNG_BASE64, PNG_BASE64] }),
	).toEqual([
		{ source: 'url', url, at: ['output'] },
		{ source: 'inline', mimeType: 'image/png', base64: PNG_BASE64, at: ['more', 0] },
		{ source: 'inline', mimeType: 'image/png', base64: PNG_BASE64, at: ['more', 1] },
	]);
});

test('an output that is itself a file has the empty path', () => {
	expect(findFiles('https://images.segmind.com/a.png')).toEqual([
		{ source: 'url', url: 'https://images.segmind.com/a.png', at: [] },
	]);
	expect(findFiles(42)).toEqual([]);
	expect(findFiles(null)).toEqual([]);
	expect(findFiles('a cat')).toEqual([]);
});

test("a value's place in the output prefixes its files' paths (a PixelFlow's keyname)", () => {
	expect(findFiles({ images: ['https://a.segmind.com/1.png', PNG_BASE64] }, ['portrait'])).toEqual([
		{ source: 'url', url: 'https://a.segmind.com/1.png', at: ['portrait', 'images', 0] },
		{ source: 'inline', mimeType: 'image/png', base64: PNG_BASE64, at: ['portrait', 'images', 1] },
	]);
});

test("a queued result: output first, then the other fields in order, not the queue's own", () => {
	const first = 'https://images.segmind.com/1.png';
	const result = {
		status: 'COMPLETED',
		request_id: 'https://images.segmind.com/id.png',
		poll_url: 'https://api.segmind.com/v2/requests/1/status',
		status_url: 'https://api.segmind.com/v2/requests/1/status',
		response_url: 'https://api.segmind.com/v2/requests/1',
		metrics: { preview: 'https://images.segmind.com/metrics.png' },
		input: { image: 'https://images.segmind.com/input.png' },
		inputs: ['https://images.segmind.com/inputs.png'],
		images: [
			{ url: first, content_type: 'image/png', file_name: '1.png', file_size: 10 },
			{ url: 'https://images.segmind.com/2.png', content_type: 'image/png' },
		],
		output: first,
		video: {
			url: 'https://images.segmind.com/v.mp4',
			last_frame_url: 'https://images.segmind.com/last.png',
		},
		thumbnail: PNG_BASE64,
		seed: 42,
	};
	expect(findResultFiles(result.output, result)).toEqual([
		{ source: 'url', url: first, at: [] },
		{ source: 'url', url: 'https://images.segmind.com/2.png' },
		{ source: 'url', url: 'https://images.segmind.com/v.mp4' },
		{ source: 'url', url: 'https://images.segmind.com/last.png' },
		{ source: 'inline', mimeType: 'image/png', base64: PNG_BASE64 },
	]);
});

test('a decoded output (a JSON string in the result) is searched as its value', () => {
	const output = { image: `data:image/png;base64,${PNG_BASE64}` };
	expect(findResultFiles(output, { status: 'COMPLETED', output: JSON.stringify(output) })).toEqual([
		{ source: 'inline', mimeType: 'image/png', base64: PNG_BASE64, at: ['image'] },
	]);
});

describe('a value declared a file (a PixelFlow output of type image, video, audio or file)', () => {
	test.each([
		[
			'a URL',
			'https://images.segmind.com/a.png',
			{ source: 'url', url: 'https://images.segmind.com/a.png' },
		],
		[
			'plain http, for the host rule to refuse',
			'http://evil.example/a.png',
			{ source: 'url', url: 'http://evil.example/a.png' },
		],
		[
			'a data: URI',
			`data:image/png;base64,${PNG_BASE64}`,
			{ source: 'inline', mimeType: 'image/png', base64: PNG_BASE64 },
		],
		[
			'base64 of unknown bytes',
			Buffer.alloc(120, 1).toString('base64'),
			{
				source: 'inline',
				mimeType: 'application/octet-stream',
				base64: Buffer.alloc(120, 1).toString('base64'),
			},
		],
	])('%s is a file', (_name, value, file) => {
		expect(declaredFile(value, ['image'])).toEqual({ ...file, at: ['image'] });
	});

	test.each([
		['text', 'a cat on a mat'],
		['empty', ''],
		['a number', 3],
		['an object', { url: 'x' }],
	])('%s is not a file', (_name, value) => {
		expect(declaredFile(value)).toBeUndefined();
	});
});
