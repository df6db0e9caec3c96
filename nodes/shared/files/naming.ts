import type { IDataObject } from 'n8n-workflow';

import { baseMimeType, headerValue } from '../client/outcome';

// The client reads answers' Content-Type with it too; files/ takes it from here.
export { baseMimeType };

// MIME types and file names of output files: from the answer's headers, else the URL, else the
// bytes' own signature. No lookup library may be bundled, so the types media models answer with
// are listed here.

const OCTET_STREAM = 'application/octet-stream';

/** Extensions by MIME type; the first extension of a type is the one a name gets. */
const TYPES: Array<[mimeType: string, extensions: string[]]> = [
	['image/png', ['png']],
	['image/jpeg', ['jpeg', 'jpg', 'jpe']],
	['image/gif', ['gif']],
	['image/webp', ['webp']],
	['image/avif', ['avif']],
	['image/heic', ['heic']],
	['image/bmp', ['bmp']],
	['image/tiff', ['tiff', 'tif']],
	['image/svg+xml', ['svg']],
	['image/x-icon', ['ico']],
	['video/mp4', ['mp4', 'm4v']],
	['video/webm', ['webm']],
	['video/quicktime', ['mov']],
	['video/x-matroska', ['mkv']],
	['video/mpeg', ['mpeg', 'mpg']],
	['image/apng', ['apng']],
	['audio/mpeg', ['mp3', 'mpga']],
	['audio/wav', ['wav']],
	['audio/x-wav', ['wav']],
	['audio/wave', ['wav']],
	['audio/ogg', ['ogg', 'oga']],
	['audio/flac', ['flac']],
	['audio/aac', ['aac']],
	['audio/mp4', ['m4a']],
	['audio/webm', ['weba']],
	['audio/opus', ['opus']],
	['model/gltf-binary', ['glb']],
	['model/gltf+json', ['gltf']],
	['model/obj', ['obj']],
	['model/stl', ['stl']],
	['application/pdf', ['pdf']],
	['application/zip', ['zip']],
	['application/json', ['json']],
	['text/plain', ['txt']],
	['text/csv', ['csv']],
	['text/html', ['html']],
	[OCTET_STREAM, ['bin']],
];

const EXTENSION_OF = new Map(TYPES.map(([mimeType, extensions]) => [mimeType, extensions[0]]));

const TYPE_OF_EXTENSION = new Map<string, string>();
for (const [mimeType, extensions] of TYPES) {
	for (const extension of extensions) {
		if (!TYPE_OF_EXTENSION.has(extension)) TYPE_OF_EXTENSION.set(extension, mimeType);
	}
}

/** A type that says nothing about the bytes. */
const saysNothing = (mimeType: string | undefined) =>
	mimeType === undefined || mimeType === OCTET_STREAM || mimeType === 'binary/octet-stream';

/** The extension a file of this type gets (`png`, `jpeg`, `mp3`...); undefined when unknown. */
export function extensionOf(mimeType: string): string | undefined {
	const known = EXTENSION_OF.get(mimeType);
	if (known) return known;
	// An unlisted type still names itself: image/x-portable-anymap gives portable-anymap.
	const subtype = mimeType.split('/')[1]?.split('+')[0].replace(/^x-/, '');
	return subtype && /^[a-z0-9][a-z0-9.-]{0,15}$/.test(subtype) ? subtype : undefined;
}

/** The extension of a file name (lower case, without the dot); undefined when it has none. */
export function extensionOfName(fileName: string): string | undefined {
	const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName);
	return match && match.index > 0 ? match[1].toLowerCase() : undefined;
}

/** The MIME type of a file name's extension; undefined when unknown. */
export const mimeTypeOfName = (fileName: string): string | undefined => {
	const extension = extensionOfName(fileName);
	return extension === undefined ? undefined : TYPE_OF_EXTENSION.get(extension);
};

/**
 * A file's MIME type: the Content-Type, without parameters; when that is missing or says only
 * "octet-stream", the file name's extension decides, else `application/octet-stream`.
 */
export function mimeTypeOf(contentType: unknown, fileName: string): string {
	const declared = baseMimeType(contentType);
	if (!saysNothing(declared)) return declared as string;
	return mimeTypeOfName(fileName) ?? OCTET_STREAM;
}

/** Whether a declared type leaves the bytes to decide (none, or octet-stream). */
export const needsSniffing = (mimeType: string | undefined) => saysNothing(mimeType);

/** A name without directories or control characters (a header's name is the server's word). */
function safeName(name: string): string | undefined {
	const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
	// Control characters: below U+0020, and U+007F.
	const cleaned = Array.from(base)
		.filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
		.join('')
		.trim();
	return cleaned === '' || /^\.+$/.test(cleaned) ? undefined : cleaned;
}

const decodeOr = (text: string) => {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
};

/** The file name a Content-Disposition header gives (`filename*` before `filename`). */
export function dispositionFileName(header: unknown): string | undefined {
	if (typeof header !== 'string') return undefined;
	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
	if (extended) {
		const name = safeName(decodeOr(extended[2].trim().replace(/^"|"$/g, '')));
		if (name) return name;
	}
	const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
	const value = plain ? (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]?.trim()) : undefined;
	return value === undefined ? undefined : safeName(value);
}

/** The last segment of a URL's path, percent-decoded; undefined when empty. */
export function urlFileName(url: string | null): string | undefined {
	if (url === null) return undefined;
	let path: string;
	try {
		path = new URL(url).pathname;
	} catch {
		return undefined;
	}
	const segment = path.split('/').pop() ?? '';
	return safeName(decodeOr(segment));
}

/** A name with an extension from its MIME type when it has none. */
export function withExtension(name: string, mimeType: string): string {
	if (extensionOfName(name) !== undefined) return name;
	const extension = extensionOf(mimeType);
	return extension ? `${name}.${extension}` : name;
}

/**
 * A downloaded file's name and MIME type: the name from Content-Disposition, else the URL's last
 * path segment, else `output`; the type from Content-Type, else from the name; an extension from
 * the type added to a name that has none.
 */
export function describeDownload(
	headers: IDataObject,
	url: string,
): { fileName: string; mimeType: string } {
	const name =
		dispositionFileName(headerValue(headers, 'content-disposition')) ??
		urlFileName(url) ??
		'output';
	const mimeType = mimeTypeOf(headerValue(headers, 'content-type'), name);
	return { fileName: withExtension(name, mimeType), mimeType };
}

/** The name of a file the answer carried itself: `output.<ext>`. */
export const outputFileName = (mimeType: string) => withExtension('output', mimeType);

/** The MIME type the first bytes of a file show (PNG, JPEG, GIF, WebP, MP4, MP3, WAV, OGG). */
export function sniffMimeType(head: Uint8Array): string | undefined {
	const ascii = (from: number, to: number) =>
		String.fromCharCode(...Array.from(head.subarray(from, to)));
	if (head.length >= 8 && head[0] === 0x89 && ascii(1, 8) === 'PNG\r\n\x1a\n') return 'image/png';
	if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
		return 'image/jpeg';
	}
	if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'image/gif';
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
	if (ascii(4, 8) === 'ftyp') return 'video/mp4';
	if (ascii(0, 4) === 'OggS') return 'audio/ogg';
	if (ascii(0, 3) === 'ID3') return 'audio/mpeg';
	// An MPEG audio frame: 11 sync bits, then a version and a layer that are not "reserved".
	if (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0) {
		const version = (head[1] >> 3) & 0x03;
		const layer = (head[1] >> 1) & 0x03;
		if (version !== 0x01 && layer !== 0x00) return 'audio/mpeg';
	}
	return undefined;
}
