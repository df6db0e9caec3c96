// GET /files/<name>: the output files of media runs and PixelFlows, served without a key, as
// Segmind's file hosts do. Each file keeps the download faults of the run that made it, and
// expires resultTtlMs after that run started, with the run's result.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DownloadDirective, DownloadFaults } from './downloads';
import { PNG_SIGNATURE, pngHeader } from './png';
import type { DownloadFault, RequestLogEntry } from './types';

export const FILES_PREFIX = '/files/';

/** The path a `download-redirect` file is redirected to (it serves the same file, no redirect). */
export const MOVED_PREFIX = '/files/moved/';

/** Where `download-redirect-foreign` sends the client: a host that is not the emulator. */
export const FOREIGN_FILE_ORIGIN = 'https://evil.example';

export const MIB = 1024 * 1024;

export interface FileContent {
	contentType: string;
	/** Without the dot: png, jpeg, mp4, mp3... */
	ext: string;
	body: Buffer;
}

export interface StoredFile {
	/** `<id>.<ext>`: the last segment of its URL. */
	name: string;
	contentType: string;
	/** The bytes; a huge file has none, they are made while it is sent. */
	body?: Buffer;
	size: number;
	/** The name `content-disposition` gives, unlike the URL's. */
	downloadName: string;
	createdAt: number;
	faults: DownloadFaults;
	failedOnce: boolean;
	resetOnce: boolean;
}

/** What the file entry in the request log says about one download. */
export interface FileServing {
	status: number | null;
	outcome: RequestLogEntry['outcome'];
	fault?: DownloadFault;
}

export class FileStore {
	private readonly files = new Map<string, StoredFile>();

	constructor(private readonly settings: () => { resultTtlMs: number }) {}

	/** Stores a run's output file; `label` names it in Content-Disposition (`<label>.<ext>`). */
	add(content: FileContent, faults: DownloadFaults, label: string, createdAt: number): StoredFile {
		this.sweep(Date.now());
		const huge = faults.hugeMiB !== undefined;
		const ext = huge ? 'png' : content.ext;
		const file: StoredFile = {
			name: `${randomBytes(12).toString('hex')}.${ext}`,
			contentType: huge ? 'image/png' : content.contentType,
			body: huge ? undefined : content.body,
			size: huge ? faults.hugeMiB! * MIB : content.body.length,
			downloadName: `${label}.${ext}`,
			createdAt,
			faults,
			failedOnce: false,
			resetOnce: false,
		};
		this.files.set(file.name, file);
		return file;
	}

	/** The file by its name; undefined when unknown or expired. */
	find(name: string, now: number): StoredFile | undefined {
		const file = this.files.get(name);
		if (!file) return undefined;
		if (this.expired(file, now)) {
			this.files.delete(name);
			return undefined;
		}
		return file;
	}

	clear(): void {
		this.files.clear();
	}

	private expired(file: StoredFile, now: number): boolean {
		return now >= file.createdAt + this.settings().resultTtlMs;
	}

	private sweep(now: number): void {
		this.files.forEach((file, name) => {
			if (this.expired(file, now)) this.files.delete(name);
		});
	}
}

export const fileUrl = (origin: string, file: StoredFile) => `${origin}${FILES_PREFIX}${file.name}`;

/** Segmind's reported shape of one listed file. */
export const describeFile = (origin: string, file: StoredFile) => ({
	url: fileUrl(origin, file),
	content_type: file.contentType,
	file_name: file.name,
	file_size: file.size,
});

/** The bytes of a huge file, in 64 KiB pieces: a PNG signature and header, then filler. */
export function* hugeBody(size: number): Generator<Buffer> {
	const head = Buffer.concat([PNG_SIGNATURE, pngHeader(4096, 4096)]);
	const piece = Buffer.alloc(64 * 1024, 0x5a);
	let left = size;
	const first = Buffer.concat([head, piece.subarray(0, Math.max(0, piece.length - head.length))]);
	yield first.subarray(0, Math.min(left, first.length));
	left -= Math.min(left, first.length);
	while (left > 0) {
		const length = Math.min(left, piece.length);
		yield length === piece.length ? piece : piece.subarray(0, length);
		left -= length;
	}
}

/** A small body in about ten pieces, so `download-slow` can space them out. */
function* inPieces(body: Buffer, count = 10): Generator<Buffer> {
	const size = Math.max(1, Math.ceil(body.length / count));
	for (let at = 0; at < body.length; at += size) yield body.subarray(at, at + size);
}

/** Writes the pieces as the socket takes them (waiting for 'drain'), then ends and calls `done`. */
export function pump(res: ServerResponse, pieces: Iterator<Buffer>, done: () => void): void {
	const next = () => {
		for (;;) {
			if (res.destroyed) return;
			const piece = pieces.next();
			if (piece.done) {
				res.end(done);
				return;
			}
			if (!res.write(piece.value)) {
				res.once('drain', next);
				return;
			}
		}
	};
	next();
}

export interface FileRequest {
	req: IncomingMessage;
	res: ServerResponse;
	pathname: string;
	/** The host the client called, e.g. http://127.0.0.1:4010. */
	origin: string;
	now: number;
	/** How long `download-slow` spreads a body over (the faults' slowMs). */
	slowMs: number;
	/** Runs `run` after `ms`, unless the emulator closes first. */
	later(run: () => void, ms: number): void;
	/** Called when the download ends (answered, reset or cut short). */
	done(serving: FileServing): void;
}

/** Which directive the log names for a download that got the file (the first that shaped it). */
function servedFault(file: StoredFile): FileServing['fault'] {
	if (file.faults.hugeMiB !== undefined)
		return file.faults.hugeNoLength ? 'huge-no-length' : 'huge';
	const shaping: DownloadDirective[] = ['download-slow', 'no-content-type', 'content-disposition'];
	return shaping.find((directive) => file.faults.directives.includes(directive));
}

/** Answers GET (or HEAD) /files/<name>, applying the file's download faults. */
export function serveFile(store: FileStore, ctx: FileRequest): void {
	const { req, res } = ctx;
	const answer = (
		status: number,
		headers: Record<string, string>,
		body = '',
		fault?: FileServing['fault'],
	) => {
		res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
		res.end(body);
		ctx.done({ status, outcome: 'answered', fault });
	};
	const jsonError = (status: number, error: string, fault?: FileServing['fault']) =>
		answer(status, { 'content-type': 'application/json' }, JSON.stringify({ error }), fault);

	const method = req.method ?? 'GET';
	if (method !== 'GET' && method !== 'HEAD') {
		return jsonError(405, `${method} is not allowed on ${ctx.pathname}`);
	}
	const moved = ctx.pathname.startsWith(MOVED_PREFIX);
	const name = decodeURIComponent(
		ctx.pathname.slice(moved ? MOVED_PREFIX.length : FILES_PREFIX.length),
	);
	const file = store.find(name, ctx.now);
	if (!file) return jsonError(404, `File ${name} not found`);
	const has = (directive: DownloadDirective) => file.faults.directives.includes(directive);

	if (has('download-404')) return jsonError(404, 'Not found', 'download-404');
	if (has('download-500-once') && !file.failedOnce) {
		file.failedOnce = true;
		return jsonError(500, 'Internal server error', 'download-500-once');
	}
	if (has('download-reset') && !file.resetOnce) {
		file.resetOnce = true;
		ctx.done({ status: null, outcome: 'reset', fault: 'download-reset' });
		req.socket.resetAndDestroy();
		return;
	}
	if (!moved && has('download-redirect-foreign')) {
		const location = `${FOREIGN_FILE_ORIGIN}/${file.name}`;
		return answer(302, { location }, '', 'download-redirect-foreign');
	}
	if (!moved && has('download-redirect')) {
		const location = `${ctx.origin}${MOVED_PREFIX}${file.name}`;
		return answer(302, { location }, '', 'download-redirect');
	}

	const headers: Record<string, string> = {};
	if (!has('no-content-type')) headers['content-type'] = file.contentType;
	if (!file.faults.hugeNoLength) headers['content-length'] = String(file.size);
	if (has('content-disposition')) {
		headers['content-disposition'] = `attachment; filename="${file.downloadName}"`;
	}
	const fault = servedFault(file);
	const finished = () => ctx.done({ status: 200, outcome: 'answered', fault });
	res.writeHead(200, headers);
	if (method === 'HEAD') {
		res.end();
		finished();
		return;
	}
	const pieces = file.body ? inPieces(file.body) : hugeBody(file.size);
	if (!has('download-slow')) return pump(res, pieces, finished);
	// Slow: one piece, then a pause, so the whole body takes about slowMs.
	const pieceCount = file.body ? Math.min(10, file.body.length) : Math.ceil(file.size / 65536);
	const pauseMs = ctx.slowMs / Math.max(1, pieceCount);
	const next = () => {
		if (res.destroyed) return;
		const piece = pieces.next();
		if (piece.done) {
			res.end(finished);
			return;
		}
		res.write(piece.value);
		ctx.later(next, pauseMs);
	};
	next();
}
