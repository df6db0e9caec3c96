// A downloaded file's name and MIME type (rule 4), and the names of files the answer carried.
import {
	describeDownload,
	extensionOf,
	mimeTypeOf,
	outputFileName,
	urlFileName,
} from '../../nodes/shared/files';

const URL_PNG = 'https://images.segmind.com/generations/abc.png';

test.each([
	['image/png', 'image/png'],
	['image/jpeg; charset=binary', 'image/jpeg'],
	['  VIDEO/MP4 ;codecs="avc1"', 'video/mp4'],
	['audio/mpeg', 'audio/mpeg'],
])('the MIME type is the Content-Type without parameters: %s', (contentType, mimeType) => {
	expect(describeDownload({ 'content-type': contentType }, URL_PNG).mimeType).toBe(mimeType);
});

test.each([
	['missing', {}, 'https://x.segmind.com/a/clip.mp4', 'video/mp4'],
	['empty', { 'content-type': '' }, 'https://x.segmind.com/speech.mp3', 'audio/mpeg'],
	[
		'application/octet-stream',
		{ 'content-type': 'application/octet-stream' },
		'https://x.segmind.com/a.jpeg',
		'image/jpeg',
	],
	[
		'binary/octet-stream',
		{ 'content-type': 'binary/octet-stream' },
		'https://x.segmind.com/a.JPG',
		'image/jpeg',
	],
	[
		'octet-stream, with a disposition name',
		{
			'content-type': 'binary/octet-stream',
			'content-disposition': 'attachment; filename="voice.wav"',
		},
		'https://x.segmind.com/a',
		'audio/wav',
	],
])('a Content-Type %s: the file name decides', (_name, headers, url, mimeType) => {
	expect(describeDownload(headers, url).mimeType).toBe(mimeType);
});

test.each([
	['an unknown extension', 'https://x.segmind.com/a.qqq'],
	['no extension', 'https://x.segmind.com/download'],
	['no name', 'https://x.segmind.com/'],
])('octet-stream and %s stays application/octet-stream', (_name, url) => {
	expect(describeDownload({ 'content-type': 'application/octet-stream' }, url).mimeType).toBe(
		'application/octet-stream',
	);
});

test.each([
	['a quoted name', 'attachment; filename="flux-output.png"', 'flux-output.png'],
	['an unquoted name', 'attachment; filename=flux.png', 'flux.png'],
	[
		'filename* before filename',
		`attachment; filename="plain.png"; filename*=UTF-8''caf%C3%A9%20noir.png`,
		'café noir.png',
	],
	['an escaped quote', 'attachment; filename="a \\"b\\".png"', 'a "b".png'],
	['directories stripped', 'attachment; filename="../../etc/evil.png"', 'evil.png'],
	['Windows directories stripped', 'attachment; filename="C:\\\\temp\\\\evil.png"', 'evil.png'],
	['inline too', 'inline; filename="shown.png"', 'shown.png'],
])('Content-Disposition names the file: %s', (_name, disposition, fileName) => {
	const headers = { 'content-type': 'image/png', 'content-disposition': disposition };
	expect(describeDownload(headers, URL_PNG).fileName).toBe(fileName);
});

test.each([
	['no file name', 'attachment'],
	['an empty name', 'attachment; filename=""'],
	['dots only', 'attachment; filename=".."'],
])('a Content-Disposition with %s leaves the URL to name it', (_name, disposition) => {
	expect(
		describeDownload({ 'content-type': 'image/png', 'content-disposition': disposition }, URL_PNG)
			.fileName,
	).toBe('abc.png');
});

test.each([
	['the last segment', 'https://images.segmind.com/generations/abc.jpeg', 'image/jpeg', 'abc.jpeg'],
	['percent-decoded', 'https://x.segmind.com/my%20cat%C3%A9.png', 'image/png', 'my caté.png'],
	['without the query', 'https://x.segmind.com/v.mp4?sig=abc&exp=1', 'video/mp4', 'v.mp4'],
	[
		'with an extension from the type when it has none',
		'https://x.segmind.com/files/abc123',
		'image/png',
		'abc123.png',
	],
	['output when the path has no name', 'https://x.segmind.com/', 'video/mp4', 'output.mp4'],
	['output when there is no path', 'https://x.segmind.com', 'audio/mpeg', 'output.mp3'],
	[
		'its own extension kept even when the type differs',
		'https://x.segmind.com/a.jpg',
		'image/png',
		'a.jpg',
	],
	['a bad escape kept as written', 'https://x.segmind.com/100%.png', 'image/png', '100%.png'],
	['an encoded slash not a directory', 'https://x.segmind.com/a%2Fb.png', 'image/png', 'b.png'],
])('the URL names the file: %s', (_name, url, contentType, fileName) => {
	expect(describeDownload({ 'content-type': contentType }, url).fileName).toBe(fileName);
});

test('header values given as arrays are read', () => {
	expect(
		describeDownload(
			{ 'content-type': ['image/webp'], 'content-disposition': ['attachment; filename="w"'] },
			URL_PNG,
		),
	).toEqual({ fileName: 'w.webp', mimeType: 'image/webp' });
});

test.each([
	['image/png', 'output.png'],
	['image/jpeg', 'output.jpeg'],
	['image/webp', 'output.webp'],
	['image/gif', 'output.gif'],
	['video/mp4', 'output.mp4'],
	['audio/mpeg', 'output.mp3'],
	['audio/wav', 'output.wav'],
	['audio/ogg', 'output.ogg'],
	['model/gltf-binary', 'output.glb'],
	['application/octet-stream', 'output.bin'],
	['application/x-custom', 'output.custom'],
	['image/svg+xml', 'output.svg'],
])('a file the answer carried, of type %s, is %s', (mimeType, name) => {
	expect(outputFileName(mimeType)).toBe(name);
});

test('a type with no usable name gives no extension', () => {
	expect(extensionOf('application/vnd.some-really-long-vendor-type')).toBeUndefined();
	expect(outputFileName('weird')).toBe('output');
});

test('the type of a name follows its extension, in any case', () => {
	expect(mimeTypeOf(undefined, 'A.PNG')).toBe('image/png');
	expect(mimeTypeOf(undefined, 'clip.webm')).toBe('video/webm');
	expect(mimeTypeOf(undefined, '.png')).toBe('application/octet-stream');
	expect(mimeTypeOf('text/plain', 'a.png')).toBe('text/plain');
});

test('a URL that is no URL has no name', () => {
	expect(urlFileName('not a url')).toBeUndefined();
	expect(urlFileName(null)).toBeUndefined();
});
