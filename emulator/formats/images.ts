// Checks an image as the providers do: a known MIME type, base64 data, and bytes that are that image.

export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

const SIGNATURES: Record<string, (bytes: Buffer) => boolean> = {
	'image/png': (bytes) => bytes.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')),
	'image/jpeg': (bytes) => bytes.subarray(0, 3).equals(Buffer.from('ffd8ff', 'hex')),
	'image/gif': (bytes) => bytes.subarray(0, 4).toString('latin1') === 'GIF8',
	'image/webp': (bytes) =>
		bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
		bytes.subarray(8, 12).toString('latin1') === 'WEBP',
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The error text for an image whose data does not hold what its MIME type says; undefined when fine. */
export function imageError(where: string, mimeType: unknown, data: unknown): string | undefined {
	if (typeof mimeType !== 'string' || !IMAGE_MIME_TYPES.includes(mimeType)) {
		return `${where}: the media type must be one of ${IMAGE_MIME_TYPES.join(', ')}`;
	}
	if (typeof data !== 'string' || data === '' || !BASE64.test(data)) {
		return `${where}: the image data must be base64`;
	}
	if (!SIGNATURES[mimeType](Buffer.from(data, 'base64'))) {
		return `${where}: the image data is not a ${mimeType} image`;
	}
	return undefined;
}
