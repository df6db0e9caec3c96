import type { IBinaryData } from 'n8n-workflow';

/** MIME types by file name extension, for files stored without a usable type. */
const BY_EXTENSION: Record<string, string> = {
	aac: 'audio/aac',
	avi: 'video/x-msvideo',
	avif: 'image/avif',
	bmp: 'image/bmp',
	csv: 'text/csv',
	flac: 'audio/flac',
	gif: 'image/gif',
	glb: 'model/gltf-binary',
	gltf: 'model/gltf+json',
	heic: 'image/heic',
	htm: 'text/html',
	html: 'text/html',
	jpeg: 'image/jpeg',
	jpg: 'image/jpeg',
	json: 'application/json',
	m4a: 'audio/mp4',
	md: 'text/markdown',
	mkv: 'video/x-matroska',
	mov: 'video/quicktime',
	mp3: 'audio/mpeg',
	mp4: 'video/mp4',
	obj: 'model/obj',
	oga: 'audio/ogg',
	ogg: 'audio/ogg',
	opus: 'audio/opus',
	pdf: 'application/pdf',
	png: 'image/png',
	svg: 'image/svg+xml',
	tif: 'image/tiff',
	tiff: 'image/tiff',
	txt: 'text/plain',
	wav: 'audio/wav',
	webm: 'video/webm',
	webp: 'image/webp',
	zip: 'application/zip',
};

export const OCTET_STREAM = 'application/octet-stream';

// Types that say nothing about the file: its name's extension tells more.
const UNTYPED = new Set(['', OCTET_STREAM, 'binary/octet-stream']);

/** The MIME type an extension stands for (`PNG`, `.png`), if known. */
const mimeTypeOfExtension = (extension: string): string | undefined =>
	BY_EXTENSION[extension.replace(/^\./, '').toLowerCase()];

const extensionOf = (fileName: string): string => {
	const dot = fileName.lastIndexOf('.');
	return dot > 0 ? fileName.slice(dot + 1) : '';
};

/**
 * The MIME type a file is sent with: its own, lower case without parameters; when that is missing
 * or application/octet-stream, the one its file name's extension (else n8n's fileExtension) stands
 * for; else application/octet-stream.
 */
export function inputMimeType(
	binary: Pick<IBinaryData, 'mimeType' | 'fileName' | 'fileExtension'>,
): string {
	const own = String(binary.mimeType ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (!UNTYPED.has(own)) return own;
	const fromName =
		typeof binary.fileName === 'string'
			? mimeTypeOfExtension(extensionOf(binary.fileName))
			: undefined;
	const fromExtension =
		typeof binary.fileExtension === 'string'
			? mimeTypeOfExtension(binary.fileExtension)
			: undefined;
	return fromName ?? fromExtension ?? OCTET_STREAM;
}
