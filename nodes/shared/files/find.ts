import type { IDataObject } from 'n8n-workflow';

import { isLoopbackHost } from '../client';
import { isObject } from '../values';
import { baseMimeType, needsSniffing, sniffMimeType } from './naming';

/** Where a value sits in an answer's `output`: keys and indexes from its root ([] for `output` itself). */
export type OutputPath = Array<string | number>;

/** An output file an answer names (a URL to download) or carries (a data: URI or base64, to decode). */
export type FoundFile =
	| { source: 'url'; url: string; at?: OutputPath }
	| { source: 'inline'; mimeType: string; base64: string; at?: OutputPath };

/** The result fields that never name output files (rule 2). */
const NOT_OUTPUT_FIELDS = new Set([
	'output',
	'status',
	'metrics',
	'request_id',
	'poll_url',
	'status_url',
	'response_url',
	'input',
	'inputs',
]);

const MIN_BASE64_LENGTH = 100;

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const DATA_URI = /^data:([^;,]*)((?:;[^;,]*)*);base64,([A-Za-z0-9+/_-]*={0,2})$/i;

const MAX_DEPTH = 64;

/** The MIME type the first bytes of base64 text decode to, if they are a known file's. */
const sniffBase64 = (base64: string) =>
	sniffMimeType(Buffer.from(base64.slice(0, 64).replace(/-/g, '+').replace(/_/g, '/'), 'base64'));

/** Whether base64 text can be whole: a length of 4n, 4n + 2 or 4n + 3 characters. */
const wholeLength = (base64: string) => base64.replace(/=+$/, '').length % 4 !== 1;

/** A downloadable URL, as a whole string: https://, or http:// on this machine. */
function urlFile(text: string): FoundFile | undefined {
	if (!/^https?:\/\/\S+$/i.test(text)) return undefined;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return undefined;
	}
	const downloadable =
		url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
	return downloadable ? { source: 'url', url: text } : undefined;
}

/** A `data:<mime>;base64,` URI, its type from the URI (or its bytes when it names none). */
function dataUriFile(text: string): FoundFile | undefined {
	const match = DATA_URI.exec(text);
	if (!match || !wholeLength(match[3])) return undefined;
	const base64 = match[3];
	const declared = baseMimeType(match[1]);
	const mimeType = needsSniffing(declared)
		? (sniffBase64(base64) ?? declared ?? 'application/octet-stream')
		: (declared as string);
	return { source: 'inline', mimeType, base64 };
}

/** Bare base64 of at least 100 characters whose bytes start as a known media file does. */
function base64File(text: string): FoundFile | undefined {
	if (text.length < MIN_BASE64_LENGTH || !BASE64.test(text) || !wholeLength(text)) return undefined;
	const mimeType = sniffBase64(text);
	return mimeType ? { source: 'inline', mimeType, base64: text } : undefined;
}

/** The file a string is, as a whole (rule 3), or undefined when it is not one. */
export function fileOfString(text: string): FoundFile | undefined {
	return urlFile(text) ?? dataUriFile(text) ?? base64File(text);
}

function walk(
	value: unknown,
	at: OutputPath | undefined,
	seen: Set<string>,
	found: FoundFile[],
	depth = 0,
): void {
	if (depth > MAX_DEPTH) return;
	if (typeof value === 'string') {
		const file = fileOfString(value);
		if (!file) return;
		if (file.source === 'url') {
			// One URL counts once, wherever else the answer repeats it.
			if (seen.has(file.url)) return;
			seen.add(file.url);
		}
		found.push(at ? { ...file, at: [...at] } : file);
		return;
	}
	if (Array.isArray(value)) {
		value.forEach((entry, index) => walk(entry, at && [...at, index], seen, found, depth + 1));
		return;
	}
	if (isObject(value)) {
		for (const [key, entry] of Object.entries(value)) {
			walk(entry, at && [...at, key], seen, found, depth + 1);
		}
	}
}

/**
 * The files in a value (rule 3), in order (object keys in order, arrays in order): whole-string
 * https:// URLs (http:// on a loopback host), data: URIs, and bare base64 of a known media type.
 * A URL repeated counts once. Each file's `at` is its path: `at` (the value's own place in the
 * output, [] by default) followed by the keys and indexes inside the value.
 */
export function findFiles(value: unknown, at: OutputPath = []): FoundFile[] {
	const found: FoundFile[] = [];
	walk(value, at, new Set(), found);
	return found;
}

/**
 * The files of a queued result (rule 2): those in `output` first (with their `at`), then those
 * in the result's other fields (no `at`: they are not in `output`), except status, metrics,
 * request_id, the poll, status and response URLs, input and inputs. A URL counts once.
 */
export function findResultFiles(output: unknown, result: IDataObject): FoundFile[] {
	const found: FoundFile[] = [];
	const seen = new Set<string>();
	walk(output, [], seen, found);
	for (const [key, value] of Object.entries(result)) {
		if (!NOT_OUTPUT_FIELDS.has(key)) walk(value, undefined, seen, found);
	}
	return found;
}

/**
 * The file a value declared as one is (a PixelFlow output of type image, video, audio or file):
 * as in rule 3, and also base64 of any content and a URL the host rule will judge (plain http,
 * another scheme), so that a declared file is never silently dropped. Undefined for a value that
 * is not a string, or text that is neither.
 */
export function declaredFile(value: unknown, at?: OutputPath): FoundFile | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const file: FoundFile | undefined =
		fileOfString(value) ??
		(value.length >= MIN_BASE64_LENGTH && BASE64.test(value) && wholeLength(value)
			? { source: 'inline', mimeType: 'application/octet-stream', base64: value }
			: undefined) ??
		(/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value) ? { source: 'url', url: value } : undefined);
	return file && at ? { ...file, at: [...at] } : file;
}
