// Shapes shared by the emulator's modules and by the code that drives it.
import type { DownloadDirective } from './downloads';

/** Faults the `faults` option can pick at random. */
export type FaultKind = '500' | '502' | '503' | '429' | 'reset' | 'slow' | 'malformed' | 'hang';

/**
 * Faults of a queued request (POST /v2/{slug}), asked for in its last message: its first status
 * poll answers 500 or 429, or is reset; its first result fetch is reset; it never completes; or
 * the model fails (FAILED, 422).
 */
export type QueueDirective =
	| 'poll-500'
	| 'poll-429'
	| 'poll-reset'
	| 'fetch-reset'
	| 'never-completes'
	| 'model-failed';

/** Faults a `#emulate:<name>` directive in the last message can ask for. */
export type Directive = FaultKind | 'html500' | 'empty500' | 'nonjson' | QueueDirective;

/** How the model catalogue answers: wrapped in its key (as reported), a bare array, or an unknown shape. */
export type CatalogShape = 'wrapped' | 'array' | 'unknown';

/** A status the catalogue answers instead (with `{"error"}`), or a socket reset, or no answer. */
export type CatalogFailure = number | 'reset' | 'hang';

/** Which key carries an upload's URLs: `urls` (the docs), `file_urls` (the SDK), or none at all. */
export type UploadShape = 'urls' | 'file_urls' | 'none';

/** What one upload gets from `uploadFaults`; 'ok' is a normal answer. */
export type UploadFault = 'ok' | '500' | '502' | '503' | '429' | '406' | 'reset' | 'hang';

export interface FaultOptions {
	/** Share of valid, funded chat requests that get a fault, 0..1. */
	rate: number;
	kinds: FaultKind[];
	/** Seed of the fault PRNG (default 1): the same seed gives the same faults in the same order. */
	seed?: number;
	/** Extra delay of a 'slow' answer, in ms (default 2000). */
	slowMs?: number;
}

export interface KeyAccount {
	credits: number;
	freeCredits?: number;
	/** Chat requests allowed per sliding window (60 s); unset means no limit. */
	requestsPerMinute?: number;
	/** get-user-credits answers 404, as Segmind does for an account without a balance record. */
	noBalanceRecord?: boolean;
	/** Name shown in the log instead of the key (default `key-<n>`; the built-in keys have their own). */
	label?: string;
}

/** What can change while the emulator runs (`configure`, `POST /__emulator/config`). */
export interface RuntimeOptions {
	keys: Record<string, KeyAccount>;
	latencyMs: number;
	costPerRequest: number;
	retiredModels: string[];
	faults: FaultOptions | null;
	/** Length of the rate-limit window; 60000 like Segmind, shorter only to test the window sliding. */
	rateLimitWindowMs: number;
	/** Faults drawn for queue status polls and result fetches (the kinds 500, 502, 503, 429, reset, hang). */
	pollFaults: FaultOptions | null;
	/** How long a queued request's result is kept after its submit (Segmind: one hour); then 404. */
	resultTtlMs: number;
	/** Ignore a chat body's `tools`, as Segmind's gateway does today (default false: answer them). */
	dropTools: boolean;
	/** Shape of the model catalogue's answer (default 'wrapped'). */
	catalogShape: CatalogShape;
	/** Makes the catalogue fail (default null: it answers). */
	catalogFailure: CatalogFailure | null;
	/** Shape of a storage upload's answer (default 'urls'). */
	uploadShape: UploadShape;
	/** Faults for the next uploads, one used per upload that would otherwise succeed. */
	uploadFaults: UploadFault[];
	/** Bytes all uploaded files may take together (default 512 MiB); an upload past it answers 413. */
	uploadLimitBytes: number;
	/** How long the slow PixelFlow processes, in ms (default 5000). */
	pixelflowSlowMs: number;
	/**
	 * The origin a PixelFlow run's `poll_url` names instead of the host the client called, e.g.
	 * `https://poll.evil.example`, so a test can prove the client never follows it (default null).
	 */
	pixelflowPollOrigin: string | null;
}

export interface EmulatorOptions extends Partial<RuntimeOptions> {
	port?: number;
	host?: string;
	/** Called once per API request as it arrives (admin calls excluded). */
	onRequest?: (entry: RequestLogEntry) => void;
}

/**
 * Which API a request called: v1 chat, a v1 media model, credits, the queue's submit, status poll
 * or result fetch, the model catalogue, a storage upload, a file download (an uploaded file or an
 * output file), a PixelFlow run or poll.
 */
export type RequestKind =
	| 'chat'
	| 'media'
	| 'credits'
	| 'submit'
	| 'status'
	| 'result'
	| 'catalog'
	| 'upload'
	| 'file'
	| 'pixelflow-run'
	| 'pixelflow-poll'
	| 'other';

/**
 * Faults of a file download, from the directives of the run that made the file: one of
 * DOWNLOAD_DIRECTIVES (downloads.ts), or a huge file.
 */
export type DownloadFault = DownloadDirective | 'huge' | 'huge-no-length';

/** 'pending' until the request is answered, reset, hung or closed by the client. */
export type Outcome = 'pending' | 'answered' | 'reset' | 'hung' | 'aborted-by-client';

export interface RequestLogEntry {
	seq: number;
	receivedAt: number;
	/** When the answer was written (or the socket reset). */
	answeredAt?: number;
	/** When the client closed the connection before any answer. */
	closedAt?: number;
	method: string;
	path: string;
	/** The query string (`?segmind_model=True`), when the URL had one. */
	query?: string;
	kind: RequestKind;
	/** Queue requests and PixelFlows: the id a submit or run was given, or the id a poll or fetch asked about. */
	requestId?: string;
	/** Never the key: 'demo', 'free-plan', ..., 'unknown' or 'missing'. */
	keyLabel: string;
	/**
	 * File downloads only (kind 'file': an uploaded file or an output file): whether an
	 * `x-api-key` header came (a file host needs none).
	 */
	keyGiven?: boolean;
	/** Parsed JSON, else the raw text; null when the request had no body. */
	body: unknown;
	status: number | null;
	outcome: Outcome;
	/**
	 * The fault or directive applied to this request, if any: an upload fault for an upload, a
	 * download fault for an output file.
	 */
	fault?: Directive | DownloadFault | UploadFault;
}

/** A queued request as the emulator holds it, for tests and the log's readers. */
export interface QueuedRecord {
	requestId: string;
	/** The model slug, or for a PixelFlow run its workflow id. */
	slug: string;
	keyLabel: string;
	/** The log seq of the submit that created it. */
	submitSeq: number;
	state: 'QUEUED' | 'PROCESSING' | 'COMPLETED' | 'FAILED';
	/** Whether its cost was taken (once, when it completed). */
	charged: boolean;
}
