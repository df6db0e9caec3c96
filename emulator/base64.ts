// Base64 and data: URIs, read without a regular expression over the whole text: inputs can be
// megabytes, and a whole-text pattern with a repeated group exhausts the stack on them.

/** Whether the text is base64 (standard alphabet, padded to a multiple of 4). */
export function isBase64(data: string): boolean {
	if (data.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(data)) return false;
	const padding = data.indexOf('=');
	return padding === -1 || (padding >= data.length - 2 && /^=+$/.test(data.slice(padding)));
}

/**
 * A `data:<header>,<data>` URI's header, split at `;` (the media type first, as written), and its
 * data, or undefined when the text is not a data: URI.
 */
export function splitDataUri(uri: string): { header: string[]; data: string } | undefined {
	const comma = uri.indexOf(',');
	if (!uri.startsWith('data:') || comma === -1) return undefined;
	return { header: uri.slice('data:'.length, comma).split(';'), data: uri.slice(comma + 1) };
}
