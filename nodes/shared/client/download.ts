import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';

import { Deadline } from './deadline';
import { headerValue } from './outcome';
import { pause } from './pause';
import { cancelSignalOf, describeNoAnswer, type ApiOutcome, type RequestContext } from './request';
import { UnbilledRetries } from './send';
import { isLoopbackHost } from './urls';

/** A response body as n8n's httpRequest gives it (a Node.js Readable), and as prepareBinaryData takes it. */
export type FileStream = Exclude<
	Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0],
	Buffer
>;

/** Which hosts output files may be downloaded from. */
export type DownloadFrom = 'segmind' | 'any';

/** How one file may be downloaded. */
export interface DownloadLimits {
	downloadFrom: DownloadFrom;
	/** A larger file is not kept (refused up front by its Content-Length, else cut off at it). */
	maxFileSizeMiB: number;
	/** For this download alone, retries included; the client's `timeoutMs` unless set. */
	timeoutMs?: number;
}

/** The answer whose body is the file, as the store step receives it. */
export interface DownloadResponse {
	/** Counted as it passes, and destroyed at maxFileSize, at the time limit or on cancel. */
	body: FileStream;
	statusCode: number;
	headers: IDataObject;
	/** Where the body came from: the URL asked for, or the last redirect's target. */
	url: string;
}

/**
 * Writes the body where it belongs (n8n's binary data) as it arrives. A rejection that is not the
 * body's own failure is the store refusing the file: its message becomes the failure's reason.
 */
export type StoreDownload<T> = (response: DownloadResponse) => Promise<T>;

export type DownloadFailureKind =
	| 'refused'
	| 'http'
	| 'too_large'
	| 'timeout'
	| 'network'
	| 'store';

/** Why a file was not kept. */
export interface DownloadFailure {
	kind: DownloadFailureKind;
	/** The file's URL as given. */
	url: string;
	/** The host the failure is about (a redirect's target when that was refused). */
	host: string;
	/** The last HTTP status the download received; null when none came. */
	statusCode: number | null;
	/** Text for the user, without the host: `HTTP 404 Not Found`, `larger than maxFileSize (1 MiB)`... */
	reason: string;
}

export type DownloadOutcome<T> =
	| { ok: true; stored: T; bytes: number; statusCode: number; url: string }
	| { ok: false; failure: DownloadFailure };

/** What a download needs from the client that runs it. */
export interface DownloadPlan {
	/** The base URL's host (SegmindUrls.host): it may serve files; whether it is on loopback. */
	baseHost: string;
	timeoutMs: number;
	/** Whether the run is ending (cancelled, or failing): no further attempt starts then. */
	stopping: () => boolean;
}

const MAX_REDIRECTS = 5;

const MIB = 1024 * 1024;

const REDIRECT_STATUS_CODES = new Set([301, 302, 303, 307, 308]);

// Failures on the way that a later attempt may not meet (n8n's own list of transport failures,
// plus a DNS answer that may come next time). ENOTFOUND is not one: the host does not exist.
const RETRIED_ERROR_CODES = new Set([
	'ECONNABORTED',
	'ECONNREFUSED',
	'ECONNRESET',
	'EHOSTUNREACH',
	'ENETDOWN',
	'ENETUNREACH',
	'EPIPE',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'ERR_STREAM_PREMATURE_CLOSE',
	'UND_ERR_BODY_TIMEOUT',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_SOCKET',
]);

const isSegmindHost = (host: string) => host === 'segmind.com' || host.endsWith('.segmind.com');

const hostOf = (url: string): string => {
	try {
		return new URL(url).hostname.toLowerCase();
	} catch {
		return url.slice(0, 100);
	}
};

/**
 * Why a URL may not be downloaded from, or undefined when it may. https:// only, except loopback
 * hosts, which only an emulator on loopback may name; with `segmind`, only segmind.com, its
 * subdomains and the base URL's own host (`baseHost`, lower case as a URL's hostname is).
 */
export function hostRefusal(
	url: string,
	downloadFrom: DownloadFrom,
	baseHost: string,
): string | undefined {
	let target: URL;
	try {
		target = new URL(url);
	} catch {
		return 'not a URL';
	}
	const host = target.hostname.toLowerCase();
	const option = `downloadFrom "${downloadFrom}"`;
	if (isLoopbackHost(host)) {
		if (!isLoopbackHost(baseHost)) {
			return `not downloaded: ${option} allows a loopback host only when the base URL is on loopback`;
		}
		if (target.protocol !== 'http:' && target.protocol !== 'https:') {
			return `not downloaded: ${option} allows http(s):// only, not ${target.protocol}//`;
		}
	} else if (target.protocol !== 'https:') {
		return `not downloaded: ${option} allows https:// only, not ${target.protocol}//`;
	}
	if (downloadFrom === 'any' || isSegmindHost(host) || host === baseHost) return undefined;
	return `not downloaded: ${option} allows only segmind.com, its subdomains and the base URL's host (${baseHost})`;
}

/**
 * Whether a download is tried again: it bills nothing, so a 429, a 5xx, a timeout or a connection
 * that failed (before or during the body) is, with the client's backoff (a 429's reset moment
 * honoured), as long as the download's time limit allows.
 */
const isRetriedDownload = (outcome: ApiOutcome): boolean =>
	outcome.answered
		? outcome.statusCode === 429 || outcome.statusCode >= 500
		: outcome.kind === 'timeout' || RETRIED_ERROR_CODES.has(outcome.code);

/** One attempt's end: the stored file, or a failure with what a retry would be judged on. */
type Attempt<T> =
	| { ok: true; stored: T; bytes: number; statusCode: number; url: string }
	| { ok: false; failure: DownloadFailure; outcome?: ApiOutcome }
	| { cancelled: true };

const headerText = (headers: IDataObject, name: string): string | undefined => {
	const text = headerValue(headers, name);
	return typeof text === 'string' || typeof text === 'number' ? String(text) : undefined;
};

const answerOutcome = (statusCode: number, headers: IDataObject): ApiOutcome => ({
	answered: true,
	statusCode,
	reasonPhrase: '',
	headers,
	body: undefined,
});

/** Frees a body nobody will read. */
function discard(body: unknown): void {
	const stream = body as Partial<FileStream> | undefined;
	if (stream && typeof stream.destroy === 'function' && !stream.destroyed) stream.destroy();
}

/**
 * Counts a stream's bytes as they arrive (before any reader takes them) and, past `maxBytes`,
 * destroys it with `limitError()`. It stays the stream n8n handed over, so the store reads it at
 * its own pace and memory holds no more than the stream's own buffer.
 */
function countBytes(
	body: FileStream,
	maxBytes = Infinity,
	limitError: () => Error = () => new Error(`more than ${maxBytes} bytes`),
): { bytes: number; overLimit: boolean } {
	const count = { bytes: 0, overLimit: false };
	const push = body.push.bind(body);
	body.push = (chunk: unknown, encoding?: BufferEncoding) => {
		if (count.overLimit) return false;
		if (chunk !== null && chunk !== undefined) {
			count.bytes += (chunk as { length: number }).length;
			if (count.bytes > maxBytes) {
				count.overLimit = true;
				body.destroy(limitError());
				return false;
			}
		}
		return push(chunk, encoding);
	};
	return count;
}

/**
 * What `work` resolves to, or a rejection as soon as `stopped` settles. A destroyed stream does
 * not always end its reader at once (n8n's httpRequest wraps a body in a stream that ends only
 * when its source yields again), so a time limit or a cancel must not wait for the store.
 */
async function unlessStopped<T>(work: Promise<T>, stopped: Promise<unknown>): Promise<T> {
	// Whatever the work comes to after the race is nobody's concern.
	work.catch(() => undefined);
	const stop = stopped.then(() => Promise.reject(new Error('stopped')));
	stop.catch(() => undefined);
	return await Promise.race([work, stop]);
}

/**
 * A time limit and the run's cancel, watched while a request is made and its body read: when
 * either comes, the request is aborted, the body being read destroyed and `stopped` settles (the
 * store is not waited for beyond this moment, see unlessStopped).
 */
export interface Cutoff {
	timedOut: boolean;
	cancelled: boolean;
	/** Settles when the time limit passes or the run is cancelled. */
	stopped: Promise<void>;
	/** The body being read (readInto sets it). */
	body?: FileStream;
	/** Stops watching the time limit and the cancel signal. */
	release(): void;
}

/** Watches `timeoutMs` (none when undefined) and `signal` for a request sent with `request`'s signal. */
export function watchCutoff(
	timeoutMs: number | undefined,
	signal: AbortSignal | undefined,
	request: AbortController | undefined,
): Cutoff {
	let markStopped: () => void = () => {};
	const stopped = new Promise<void>((resolve) => (markStopped = resolve));
	const cutoff: Cutoff = { timedOut: false, cancelled: false, stopped, release: () => {} };
	const stop = (reason: 'timedOut' | 'cancelled') => () => {
		cutoff[reason] = true;
		request?.abort();
		if (cutoff.body && !cutoff.body.destroyed) cutoff.body.destroy(new Error(reason));
		markStopped();
	};
	const onTimeout = stop('timedOut');
	const onCancel = stop('cancelled');
	const timer = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
	timer?.addEventListener('abort', onTimeout);
	signal?.addEventListener('abort', onCancel);
	cutoff.release = () => {
		timer?.removeEventListener('abort', onTimeout);
		signal?.removeEventListener('abort', onCancel);
	};
	return cutoff;
}

/**
 * How reading a body into a store ended: stored, or why not, in this order: the run was
 * cancelled, the body passed `maxBytes`, the time limit passed, the body itself failed (a reset,
 * a cut connection), or else the store refused it (`error` is then the store's rejection).
 */
export type ReadEnd<T> =
	| { ok: true; stored: T; bytes: number }
	| { ok: false; end: 'cancelled' | 'too_large' | 'timeout' | 'store'; error: unknown }
	| { ok: false; end: 'body'; error: Error };

/**
 * Has `store` read `body` (counted, and destroyed past `maxBytes` with `limitError()`) until it
 * is done or `cutoff` comes; the body is destroyed afterwards whatever happened.
 */
export async function readInto<T>(
	body: FileStream,
	store: () => Promise<T>,
	options: { cutoff: Cutoff; maxBytes?: number; limitError?: () => Error },
): Promise<ReadEnd<T>> {
	const { cutoff } = options;
	const count = countBytes(body, options.maxBytes, options.limitError);
	// The body's own failure (a reset, a cut connection), told apart from the store refusing.
	let bodyError: Error | undefined;
	body.once('error', (error: Error) => (bodyError ??= error));
	cutoff.body = body;
	try {
		const stored = await unlessStopped(store(), cutoff.stopped);
		if (count.overLimit) return { ok: false, end: 'too_large', error: undefined };
		return { ok: true, stored, bytes: count.bytes };
	} catch (error) {
		if (cutoff.cancelled) return { ok: false, end: 'cancelled', error };
		if (count.overLimit) return { ok: false, end: 'too_large', error };
		if (cutoff.timedOut) return { ok: false, end: 'timeout', error };
		if (bodyError) return { ok: false, end: 'body', error: bodyError };
		return { ok: false, end: 'store', error };
	} finally {
		discard(body);
	}
}

/**
 * Downloads a file without the API key (a plain request, never through the credential), following
 * at most 5 redirects by hand so that every hop is held to the host rule, and retrying what a
 * retry may cure within the time limit. The store step receives the body as a stream. Resolves
 * undefined when the run stops or is cancelled.
 */
export async function downloadFile<T>(
	context: RequestContext,
	url: string,
	limits: DownloadLimits,
	plan: DownloadPlan,
	store: StoreDownload<T>,
): Promise<DownloadOutcome<T> | undefined> {
	const deadline = new Deadline(limits.timeoutMs ?? plan.timeoutMs);
	deadline.start();
	const policy = new UnbilledRetries(0, isRetriedDownload);
	const signal = cancelSignalOf(context);
	for (;;) {
		if (plan.stopping() || signal?.aborted) return undefined;
		const attempt = await attemptDownload(context, url, limits, plan, deadline, store);
		if ('cancelled' in attempt || signal?.aborted) return undefined;
		if (attempt.ok) return attempt;
		const waitMs = attempt.outcome && policy.nextWaitMs(attempt.outcome);
		// The time limit covers the retries: no attempt starts that could not have begun in it.
		if (waitMs === undefined || waitMs >= deadline.remainingMs()) {
			return { ok: false, failure: attempt.failure };
		}
		await pause(waitMs, signal);
	}
}

async function attemptDownload<T>(
	context: RequestContext,
	url: string,
	limits: DownloadLimits,
	plan: DownloadPlan,
	deadline: Deadline,
	store: StoreDownload<T>,
): Promise<Attempt<T>> {
	const timeoutMs = deadline.timeoutMs;
	const maxBytes = Math.floor(limits.maxFileSizeMiB * MIB);
	const remainingMs = deadline.remainingMs();
	if (remainingMs <= 0) return failed('timeout', url, url, null, timeoutText(timeoutMs));
	const controller = new AbortController();
	const cutoff = watchCutoff(remainingMs, cancelSignalOf(context), controller);
	let statusCode: number | null = null;
	let current = url;
	try {
		for (let redirects = 0; ; redirects++) {
			const refusal = hostRefusal(current, limits.downloadFrom, plan.baseHost);
			if (refusal) return failed('refused', url, current, statusCode, refusal);
			let response: IN8nHttpFullResponse;
			try {
				response = (await context.helpers.httpRequest({
					method: 'GET',
					url: current,
					encoding: 'stream',
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					// Followed by hand below, so that every hop meets the host rule.
					disableFollowRedirect: true,
					timeout: Math.max(1, deadline.remainingMs()),
					abortSignal: controller.signal,
				})) as IN8nHttpFullResponse;
			} catch (error) {
				if (cutoff.cancelled) return { cancelled: true };
				if (cutoff.timedOut)
					return failed('timeout', url, current, statusCode, timeoutText(timeoutMs));
				const noAnswer = describeNoAnswer(error, timeoutMs);
				const reason =
					noAnswer.kind === 'timeout'
						? timeoutText(timeoutMs)
						: networkText(noAnswer.message, noAnswer.code);
				return { ...failed(noAnswer.kind, url, current, statusCode, reason), outcome: noAnswer };
			}
			const headers = response.headers ?? {};
			statusCode = response.statusCode;
			if (REDIRECT_STATUS_CODES.has(statusCode)) {
				discard(response.body);
				const location = headerText(headers, 'location');
				if (!location) {
					return failed('http', url, current, statusCode, `HTTP ${statusCode} without a Location`);
				}
				if (redirects >= MAX_REDIRECTS) {
					return failed('http', url, current, statusCode, `more than ${MAX_REDIRECTS} redirects`);
				}
				try {
					current = new URL(location, current).href;
				} catch {
					return failed(
						'http',
						url,
						current,
						statusCode,
						`HTTP ${statusCode} to a Location that is no URL`,
					);
				}
				continue;
			}
			if (statusCode < 200 || statusCode >= 300) {
				discard(response.body);
				const phrase = response.statusMessage ? ` ${response.statusMessage}` : '';
				return {
					...failed('http', url, current, statusCode, `HTTP ${statusCode}${phrase}`),
					outcome: answerOutcome(statusCode, headers),
				};
			}
			const tooLarge = `larger than maxFileSize (${limits.maxFileSizeMiB} MiB)`;
			const length = Number(headerText(headers, 'content-length'));
			if (Number.isFinite(length) && length > maxBytes) {
				discard(response.body);
				return failed('too_large', url, current, statusCode, tooLarge);
			}
			return await storeBody(
				{ body: response.body as FileStream, statusCode, headers, url: current },
				{ url, maxBytes, tooLarge, timeoutMs, cutoff },
				store,
			);
		}
	} finally {
		cutoff.release();
	}
}

async function storeBody<T>(
	response: DownloadResponse,
	attempt: {
		url: string;
		maxBytes: number;
		tooLarge: string;
		timeoutMs: number;
		cutoff: Cutoff;
	},
	store: StoreDownload<T>,
): Promise<Attempt<T>> {
	const { body, statusCode, url: current } = response;
	const { url, cutoff } = attempt;
	const read = await readInto(body, () => store(response), {
		cutoff,
		maxBytes: attempt.maxBytes,
		limitError: () => new Error(attempt.tooLarge),
	});
	if (read.ok)
		return { ok: true, stored: read.stored, bytes: read.bytes, statusCode, url: current };
	switch (read.end) {
		case 'cancelled':
			return { cancelled: true };
		case 'too_large':
			return failed('too_large', url, current, statusCode, attempt.tooLarge);
		case 'timeout':
			return failed('timeout', url, current, statusCode, timeoutText(attempt.timeoutMs));
		case 'body': {
			const noAnswer = describeNoAnswer(read.error, attempt.timeoutMs);
			const code = noAnswer.code || 'ERR_STREAM_PREMATURE_CLOSE';
			const reason = `the connection failed while the file was read: ${networkText(noAnswer.message, code)}`;
			return {
				...failed('network', url, current, statusCode, reason),
				outcome: { ...noAnswer, kind: 'network', code },
			};
		}
		case 'store':
			return failed('store', url, current, statusCode, refusalText(read.error));
	}
}

const timeoutText = (timeoutMs: number) => `not downloaded within the timeout of ${timeoutMs} ms`;

/** A connection failure's message, with its code when the message does not name it. */
export const networkText = (message: string, code: string) =>
	code && !message.includes(code) ? `${message} (${code})` : message;

/** Why n8n's binary data store did not take a file. */
export const refusalText = (error: unknown) =>
	`n8n's binary data store refused the file: ${error instanceof Error ? error.message : String(error)}`;

function failed(
	kind: DownloadFailureKind,
	url: string,
	current: string,
	statusCode: number | null,
	reason: string,
): { ok: false; failure: DownloadFailure } {
	return { ok: false, failure: { kind, url, host: hostOf(current), statusCode, reason } };
}
