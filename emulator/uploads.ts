// Segmind's storage upload, POST /upload-asset with {"data_urls": ["data:<mime>;base64,<data>"]},
// and the uploaded files served back at GET /uploads/<id>.<ext> (no key, like a public bucket).
// Files are kept in memory up to `uploadLimitBytes` in all. Uploads are not billed.
import { randomUUID } from 'node:crypto';

import type { Account } from './accounts';
import { isBase64, splitDataUri } from './base64';
import { isJsonObject, readJson, type RequestBody } from './body';
import { faultPlan } from './chat';
import { json, jsonError, methodNotAllowed, unauthorized, type Plan } from './plan';
import type { RuntimeOptions, UploadFault } from './types';

export const UPLOAD_PATH = '/upload-asset';
export const UPLOADS_PREFIX = '/uploads/';
export const DEFAULT_UPLOAD_LIMIT_BYTES = 512 * 1024 * 1024;
export const UPLOAD_FAULTS: UploadFault[] = [
	'ok',
	'500',
	'502',
	'503',
	'429',
	'406',
	'reset',
	'hang',
];
export const UPLOAD_MESSAGE = 'Files uploaded successfully';

/** File name extensions by MIME type; other types are stored as `.bin`. */
const EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'image/svg+xml': 'svg',
	'video/mp4': 'mp4',
	'video/webm': 'webm',
	'video/quicktime': 'mov',
	'audio/mpeg': 'mp3',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/ogg': 'ogg',
	'application/pdf': 'pdf',
	'application/json': 'json',
	'text/plain': 'txt',
	'model/gltf-binary': 'glb',
};

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

interface StoredFile {
	mimeType: string;
	bytes: Buffer;
}

interface DecodedFile extends StoredFile {
	extension: string;
}

/** The uploaded files and the upload faults still to hand out, one per upload. */
export class Uploads {
	private readonly files = new Map<string, StoredFile>();

	private total = 0;

	private faults: UploadFault[];

	constructor(faults: UploadFault[]) {
		this.faults = [...faults];
	}

	/** Bytes held by all stored files. */
	get storedBytes(): number {
		return this.total;
	}

	setFaults(faults: UploadFault[]): void {
		this.faults = [...faults];
	}

	/** Forgets every file and restarts the fault list. */
	reset(faults: UploadFault[]): void {
		this.files.clear();
		this.total = 0;
		this.setFaults(faults);
	}

	nextFault(): UploadFault | undefined {
		return this.faults.shift();
	}

	/** Stores the files and returns their names (`<id>.<ext>`), in order. */
	store(decoded: DecodedFile[]): string[] {
		return decoded.map(({ mimeType, bytes, extension }) => {
			const name = `${randomUUID()}.${extension}`;
			this.files.set(name, { mimeType, bytes });
			this.total += bytes.length;
			return name;
		});
	}

	find(name: string): StoredFile | undefined {
		return this.files.get(name);
	}
}

/** A `data:<mime>[;param=value]...;base64,<data>` URI's media type and data, or undefined. */
function uploadedDataUri(entry: string): { mimeType: string; data: string } | undefined {
	const parts = splitDataUri(entry);
	if (!parts) return undefined;
	const { header, data } = parts;
	const mimeType = header[0].trim().toLowerCase();
	if (header[header.length - 1] !== 'base64' || !MIME_TYPE.test(mimeType)) return undefined;
	return { mimeType, data };
}

function decode(entries: unknown[]): DecodedFile[] | string {
	const decoded: DecodedFile[] = [];
	for (const [index, entry] of entries.entries()) {
		const where = `data_urls[${index}]`;
		const parts = typeof entry === 'string' ? uploadedDataUri(entry) : undefined;
		if (!parts) return `${where} must be a data URI: data:<mime type>;base64,<data>`;
		if (!isBase64(parts.data)) return `${where}: the data is not valid base64`;
		decoded.push({
			mimeType: parts.mimeType,
			bytes: Buffer.from(parts.data, 'base64'),
			extension: EXTENSIONS[parts.mimeType] ?? 'bin',
		});
	}
	return decoded;
}

export interface UploadContext {
	method: string;
	account: Account | undefined;
	keyGiven: boolean;
	contentType: string | undefined;
	body: RequestBody;
	now: number;
	/** e.g. http://127.0.0.1:4010: the host the client called. */
	origin: string;
	options: RuntimeOptions;
	uploads: Uploads;
}

/** The answer to an upload that failed by a fault, or undefined for 'ok'. */
function uploadFaultPlan(fault: UploadFault, now: number): Plan | undefined {
	if (fault === 'ok') return undefined;
	if (fault === '406') return jsonError(406, 'Not enough credits');
	return faultPlan(fault, now);
}

/** POST /upload-asset, checked in this order: 405, 401, 406 (transport), 400, 406 (credits), 413, a fault. */
export function planUpload(ctx: UploadContext): Plan & { uploadFault?: UploadFault } {
	if (ctx.method !== 'POST') return methodNotAllowed();
	if (!ctx.account) return unauthorized(ctx.keyGiven);
	const read = readJson(ctx.contentType, ctx.body);
	if ('error' in read) return jsonError(read.status, read.error);
	const entries = isJsonObject(read.value) ? read.value.data_urls : undefined;
	if (!Array.isArray(entries) || entries.length === 0) {
		return jsonError(400, '"data_urls" must be a non-empty array of data URIs');
	}
	const decoded = decode(entries);
	if (typeof decoded === 'string') return jsonError(400, decoded);
	if (ctx.account.balance <= 0) return jsonError(406, 'Not enough credits');
	const size = decoded.reduce((sum, file) => sum + file.bytes.length, 0);
	if (ctx.uploads.storedBytes + size > ctx.options.uploadLimitBytes) {
		return jsonError(413, `Upload storage is full (limit ${ctx.options.uploadLimitBytes} bytes)`);
	}
	const fault = ctx.uploads.nextFault();
	const failed = fault && uploadFaultPlan(fault, ctx.now);
	if (failed) return { ...failed, uploadFault: fault };
	const urls = ctx.uploads.store(decoded).map((name) => `${ctx.origin}${UPLOADS_PREFIX}${name}`);
	switch (ctx.options.uploadShape) {
		case 'file_urls':
			return json(200, { file_urls: urls, message: UPLOAD_MESSAGE });
		case 'none':
			return json(200, { message: UPLOAD_MESSAGE });
		default:
			return json(200, { urls });
	}
}

/** GET (or HEAD) /uploads/<id>.<ext>: the stored bytes with their MIME type; no key needed. */
export function planUploadedFile(method: string, name: string, uploads: Uploads): Plan {
	if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed();
	const file = uploads.find(name);
	if (!file) return jsonError(404, `No uploaded file ${name}`);
	return { action: 'answer', status: 200, contentType: file.mimeType, body: file.bytes };
}

/** The upload body as the log keeps it: each data URI cut to its header and its size in bytes. */
export function uploadLogBody(body: RequestBody): unknown {
	if (!body.json) return body.raw === '' ? null : body.raw.slice(0, 200);
	const value = body.json.value as { data_urls?: unknown };
	if (typeof value !== 'object' || value === null || !Array.isArray(value.data_urls)) return value;
	const summary = value.data_urls.map((entry: unknown) => {
		if (typeof entry !== 'string') return entry;
		const comma = entry.indexOf(',');
		if (comma === -1) return entry.slice(0, 200);
		const data = entry.slice(comma + 1);
		const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
		return `${entry.slice(0, comma + 1)}[${Math.floor((data.length * 3) / 4) - padding} bytes]`;
	});
	return { ...value, data_urls: summary };
}
