// Image parameters of the input-reading slugs: a URL on the emulator itself (fetched over HTTP,
// as Segmind fetches a URL), a data: URI, or bare base64; the bytes must be a real image.
import { isBase64, splitDataUri } from './base64';
import { MIB } from './files';
import { PNG_SIGNATURE } from './png';

const SIGNATURES: Array<[string, (bytes: Buffer) => boolean]> = [
	['image/png', (bytes) => bytes.subarray(0, 8).equals(PNG_SIGNATURE)],
	['image/jpeg', (bytes) => bytes.subarray(0, 3).equals(Buffer.from('ffd8ff', 'hex'))],
	['image/gif', (bytes) => bytes.subarray(0, 4).toString('latin1') === 'GIF8'],
	[
		'image/webp',
		(bytes) =>
			bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
			bytes.subarray(8, 12).toString('latin1') === 'WEBP',
	],
];

/** The image type the bytes start as, if any of PNG, JPEG, GIF or WebP. */
export const sniffImage = (bytes: Buffer): string | undefined =>
	SIGNATURES.find(([, matches]) => matches(bytes))?.[0];

/** Inputs larger than this are refused (400), so a `huge:` file cannot fill the emulator's memory. */
export const MAX_INPUT_BYTES = 20 * MIB;

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]', '::1'];

export interface InputContext {
	/** The Host header the client called, e.g. 127.0.0.1:4010. */
	calledHost: string | undefined;
	/** Where the emulator itself listens, e.g. http://127.0.0.1:4010. */
	selfOrigin: string;
}

export interface InputImage {
	mimeType: string;
	bytes: Buffer;
}

/** A URL the emulator serves: the host the client called, or a loopback name on its port. */
function ownPath(url: URL, ctx: InputContext): string | undefined {
	const self = new URL(ctx.selfOrigin);
	const sameAsCalled = ctx.calledHost !== undefined && url.host === ctx.calledHost;
	const loopbackOwnPort = LOOPBACK.includes(url.hostname) && url.port === self.port;
	return url.protocol === 'http:' && (sameAsCalled || loopbackOwnPort)
		? `${url.pathname}${url.search}`
		: undefined;
}

async function fetchOwn(
	where: string,
	url: URL,
	path: string,
	ctx: InputContext,
): Promise<Buffer | string> {
	let response: Response;
	try {
		response = await fetch(`${ctx.selfOrigin}${path}`, {
			redirect: 'manual',
			signal: AbortSignal.timeout(30_000),
		});
	} catch (error) {
		return `${where}: fetching ${url.href} failed (${(error as Error).message})`;
	}
	if (response.status !== 200) {
		await response.body?.cancel();
		return `${where}: fetching ${url.href} answered HTTP ${response.status}`;
	}
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
		size += chunk.length;
		if (size > MAX_INPUT_BYTES) {
			return `${where}: the file at ${url.href} is larger than ${MAX_INPUT_BYTES / MIB} MiB`;
		}
		chunks.push(Buffer.from(chunk));
	}
	return Buffer.concat(chunks);
}

/** Reads one image parameter; a string is the 400 error text. */
export async function readImage(
	where: string,
	value: unknown,
	ctx: InputContext,
): Promise<InputImage | string> {
	if (typeof value !== 'string' || value === '') {
		return `${where} must be an image URL, a data: URI or base64`;
	}
	let bytes: Buffer;
	// A data: URI here has only a media type, and `;base64` after it: no other parameters.
	const dataUri = splitDataUri(value);
	const base64 = dataUri?.header.length === 2 && dataUri.header[1] === 'base64';
	if (dataUri && (dataUri.header.length === 1 || base64)) {
		if (!base64 || !isBase64(dataUri.data)) return `${where}: a data: URI must be base64`;
		bytes = Buffer.from(dataUri.data, 'base64');
	} else if (/^https?:\/\//i.test(value)) {
		let url: URL;
		try {
			url = new URL(value);
		} catch {
			return `${where}: ${value} is not a valid URL`;
		}
		const path = ownPath(url, ctx);
		if (path === undefined) {
			return `${where}: the emulator fetches only its own URLs, not ${url.host}`;
		}
		const fetched = await fetchOwn(where, url, path, ctx);
		if (typeof fetched === 'string') return fetched;
		bytes = fetched;
	} else if (isBase64(value)) {
		bytes = Buffer.from(value, 'base64');
	} else {
		return `${where} must be an image URL, a data: URI or base64`;
	}
	const mimeType = sniffImage(bytes);
	if (!mimeType) return `${where}: the data is not a real image (PNG, JPEG, WebP or GIF expected)`;
	return { mimeType, bytes };
}
