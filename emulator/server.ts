// A local Segmind API: a real HTTP server speaking Segmind's documented chat, media, PixelFlow,
// model catalogue, storage upload and credits API, with deterministic replies, uploaded and
// output files, credits, rate limits, fault injection and a request log.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Accounts, formatCredits, type Account, type Charge } from './accounts';
import { planAdmin } from './admin';
import {
	applyBalance,
	checkBalanceUpdate,
	type BalanceState,
	type BalanceUpdate,
} from './balances';
import { loggedBody, readBody, type RequestBody } from './body';
import { CATALOG_PATH } from './catalog';
import { planCatalog } from './catalogApi';
import { planChat } from './chat';
import { defaultOptions, mergeOptions } from './config';
import { planCredits } from './credits';
import { FaultPicker } from './faults';
import { FILES_PREFIX, FileStore, pump, serveFile } from './files';
import { planMedia, planMediaSubmit } from './media';
import { mediaModelOf } from './mediaModels';
import { planPixelflowPoll, planPixelflowRun } from './pixelflows';
import { jsonError, type Answer, type Plan } from './plan';
import { RequestQueue } from './queue';
import { planLookup, planSubmit } from './queueApi';
import type {
	EmulatorOptions,
	QueuedRecord,
	RequestKind,
	RequestLogEntry,
	RuntimeOptions,
	UploadFault,
} from './types';
import { planSample, SAMPLES_PREFIX } from './samples';
import {
	planUpload,
	planUploadedFile,
	uploadLogBody,
	UPLOAD_PATH,
	Uploads,
	UPLOADS_PREFIX,
} from './uploads';

export { DEMO_API_KEY, FREE_PLAN_API_KEY, NO_BALANCE_API_KEY, NO_CREDITS_API_KEY } from './keys';
export {
	ALL_PARAMETER_KINDS_SLUG,
	CATALOG_ENTRIES,
	CATALOG_LIST_KEY,
	DEPRECATED_CATALOG_SLUG,
} from './catalog';
export { MEDIA_SLUGS } from './mediaModels';
export { FIXTURE_FILES } from './fixtures';
export { FOREIGN_FILE_ORIGIN } from './files';
export { PIXELFLOW_FAILED_MESSAGE, PIXELFLOW_IDS } from './pixelflows';
export type * from './types';
export type { BalanceState, BalanceUpdate } from './balances';

export interface Emulator {
	/** e.g. http://127.0.0.1:40123 */
	url: string;
	port: number;
	/** Live: entries are added as requests arrive and updated as they end. */
	log: RequestLogEntry[];
	/** The requests the queue (v2) holds now, each with its state and whether it was charged. */
	queued(): QueuedRecord[];
	/** The PixelFlow runs held now (`slug` is the workflow id), as `queued()` describes them. */
	pixelflowRuns(): QueuedRecord[];
	/** Changes options at run time; new keys or faults start fresh balances and a fresh fault sequence. */
	configure(update: Partial<RuntimeOptions>): void;
	/**
	 * Clears the log and restores balances, rate-limit windows and the fault sequences (upload
	 * faults included); forgets queued runs, PixelFlow runs, uploaded files and output files.
	 */
	reset(): void;
	/**
	 * Sets one account's balance now (by key or label; an unset part stays), until the next
	 * change, reset() or new keys. Throws for invalid input or an unknown account.
	 */
	setBalance(update: BalanceUpdate): BalanceState;
	/** Stops listening and destroys every open socket, hung requests included. */
	close(): Promise<void>;
}

const ADMIN_PREFIX = '/__emulator/';

/**
 * Kinds answered at once whatever `latencyMs` says: the queue's and PixelFlows' own answers (their
 * latency is the processing time) and uploaded files.
 */
const UNDELAYED_KINDS: RequestKind[] = [
	'submit',
	'status',
	'result',
	'pixelflow-run',
	'pixelflow-poll',
	'file',
];

interface Route {
	kind: RequestKind;
	path: string;
	/**
	 * The model slug (chat, media, submit), the workflow id (pixelflow-run), the request id
	 * (status, result, pixelflow-poll) or the uploaded file's name (file).
	 */
	param: string;
}

/** The host the client called, as an origin: the URLs in answers use it. */
const originOf = (req: IncomingMessage) => `http://${req.headers.host}`;

function routeOf(path: string): Route {
	const route = (kind: RequestKind, param = '') => ({ kind, path, param });
	if (path === '/v1/get-user-credits') return route('credits');
	if (path === CATALOG_PATH) return route('catalog');
	if (path === UPLOAD_PATH) return route('upload');
	if (path.startsWith(UPLOADS_PREFIX)) return route('file', path.slice(UPLOADS_PREFIX.length));
	const flowPoll = /^\/workflows\/request\/([^/]+)$/.exec(path);
	if (flowPoll) return route('pixelflow-poll', decodeURIComponent(flowPoll[1]));
	const flowRun = /^\/workflows\/([^/]+)$/.exec(path);
	if (flowRun) return route('pixelflow-run', decodeURIComponent(flowRun[1]));
	const status = /^\/v2\/requests\/([^/]+)\/status$/.exec(path);
	if (status) return route('status', decodeURIComponent(status[1]));
	const result = /^\/v2\/requests\/([^/]+)$/.exec(path);
	if (result) return route('result', decodeURIComponent(result[1]));
	const submit = /^\/v2\/([^/]+)$/.exec(path);
	if (submit) return route('submit', submit[1]);
	const chat = /^\/v1\/([^/]+)$/.exec(path);
	if (!chat) return route('other');
	return mediaModelOf(chat[1]) ? route('media', chat[1]) : route('chat', chat[1]);
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
	const { port = 0, host = '127.0.0.1', onRequest, ...runtime } = options;
	let current = mergeOptions(defaultOptions(), runtime);
	let accounts = new Accounts(current.keys);
	let faults = new FaultPicker(current.faults);
	let pollFaults = new FaultPicker(current.pollFaults);
	const queue = new RequestQueue(() => current);
	const uploads = new Uploads(current.uploadFaults);
	const flows = new RequestQueue(() => current);
	const files = new FileStore(() => current);
	let selfOrigin = '';
	const log: RequestLogEntry[] = [];
	let seq = 0;
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	let closing = false;

	const configure = (update: unknown) => {
		const next = mergeOptions(current, update);
		const changed = update as Partial<RuntimeOptions>;
		if (changed.keys !== undefined) accounts = new Accounts(next.keys);
		if (changed.faults !== undefined) faults = new FaultPicker(next.faults);
		if (changed.pollFaults !== undefined) pollFaults = new FaultPicker(next.pollFaults);
		if (changed.uploadFaults !== undefined) uploads.setFaults(next.uploadFaults);
		current = next;
		const { keys, ...rest } = current;
		return { ...rest, keys: accounts.labels() };
	};

	const setBalance = (update: unknown) => applyBalance(accounts, checkBalanceUpdate(update));

	const reset = () => {
		log.length = 0;
		seq = 0;
		accounts = new Accounts(current.keys);
		faults = new FaultPicker(current.faults);
		pollFaults = new FaultPicker(current.pollFaults);
		queue.clear();
		uploads.reset(current.uploadFaults);
		flows.clear();
		files.clear();
	};

	/** Writes the answer; `sent` runs once its last byte has left. */
	const write = (res: ServerResponse, answer: Answer, account?: Account, sent?: () => void) => {
		const { streamed } = answer;
		const headers: Record<string, string> = { ...answer.headers };
		if (!streamed) headers['content-length'] = String(Buffer.byteLength(answer.body));
		else if (streamed.withLength) headers['content-length'] = String(streamed.size);
		if (answer.contentType) headers['content-type'] = answer.contentType;
		if (account) headers['x-remaining-credits'] = formatCredits(account.balance);
		res.writeHead(answer.status, headers);
		if (streamed) pump(res, streamed.pieces(), () => sent?.());
		else {
			res.end(answer.body);
			sent?.();
		}
	};

	const decide = async (
		req: IncomingMessage,
		route: Route,
		body: RequestBody,
		seqNo: number,
		account: Account | undefined,
		keyGiven: boolean,
	): Promise<Plan & { requestId?: string; uploadFault?: UploadFault }> => {
		const method = req.method ?? 'GET';
		const now = Date.now();
		const origin = originOf(req);
		if (route.kind === 'credits') return planCredits(method, account, keyGiven);
		if (route.kind === 'catalog') {
			const { catalogShape: shape, catalogFailure: failure } = current;
			return planCatalog({ method, account, keyGiven, shape, failure });
		}
		if (route.kind === 'file') return planUploadedFile(method, route.param, uploads);
		if (route.kind === 'upload') {
			const contentType = req.headers['content-type'];
			const upload = { method, account, keyGiven, contentType, body, now, origin, uploads };
			return planUpload({ ...upload, options: current });
		}
		if (route.kind === 'status' || route.kind === 'result' || route.kind === 'pixelflow-poll') {
			const lookup = {
				method,
				requestId: route.param,
				account,
				keyGiven,
				now,
				queue: route.kind === 'pixelflow-poll' ? flows : queue,
				faults: pollFaults,
				origin,
			};
			return route.kind === 'pixelflow-poll'
				? planPixelflowPoll(lookup)
				: planLookup(lookup, route.kind);
		}
		if (route.kind === 'pixelflow-run') {
			const run = {
				method,
				workflowId: route.param,
				account,
				keyGiven,
				contentType: req.headers['content-type'],
				body,
				seq: seqNo,
				now,
				options: current,
				faults,
				origin,
				files,
			};
			return planPixelflowRun(run, flows);
		}
		if (route.kind === 'other') return jsonError(404, `No route ${route.path}`);
		const chat = {
			method,
			slug: route.param,
			account,
			keyGiven,
			contentType: req.headers['content-type'],
			body,
			seq: seqNo,
			now,
			options: current,
			faults,
		};
		const model = mediaModelOf(route.param);
		if (model) {
			const media = {
				...chat,
				model,
				origin,
				files,
				inputs: { calledHost: req.headers.host, selfOrigin },
			};
			return route.kind === 'submit' ? planMediaSubmit(media, queue) : planMedia(media);
		}
		if (route.kind === 'submit') return planSubmit(chat, queue, origin);
		return planChat(chat);
	};

	/**
	 * Logs a request as it arrives (pending) and announces it: an API request or a file
	 * download, with its query string when it has one. Gives the entry and the key's account.
	 */
	const logArrival = (req: IncomingMessage, url: URL, kind: RequestKind, requestId?: string) => {
		const key = (req.headers['x-api-key'] as string | undefined) || undefined;
		const account = accounts.find(key);
		const entry: RequestLogEntry = {
			seq: ++seq,
			receivedAt: Date.now(),
			method: req.method ?? 'GET',
			path: url.pathname,
			...(url.search ? { query: url.search } : {}),
			kind,
			...(requestId !== undefined ? { requestId } : {}),
			keyLabel: account?.label ?? (key === undefined ? 'missing' : 'unknown'),
			...(kind === 'file' ? { keyGiven: key !== undefined } : {}),
			body: null,
			status: null,
			outcome: 'pending',
		};
		log.push(entry);
		onRequest?.(entry);
		return { entry, key, account };
	};

	const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
		const route = routeOf(url.pathname);
		const { entry, key, account } = logArrival(
			req,
			url,
			route.kind,
			['status', 'result', 'pixelflow-poll'].includes(route.kind) ? route.param : undefined,
		);

		let timer: NodeJS.Timeout | undefined;
		let charge: Charge | undefined;
		res.on('close', () => {
			const unanswered = entry.outcome === 'pending' || entry.outcome === 'hung';
			if (res.writableFinished || closing || !unanswered) return;
			entry.outcome = 'aborted-by-client';
			entry.closedAt = Date.now();
			if (timer) {
				clearTimeout(timer);
				timers.delete(timer);
			}
			// The answer was never sent, so it is not billed.
			if (charge && account) account.refund(charge);
		});

		let body;
		try {
			body = await readBody(req);
		} catch {
			return; // the client went away mid-body; 'close' logs it
		}
		entry.body = route.kind === 'upload' ? uploadLogBody(body) : loggedBody(body);
		if (res.destroyed) return;

		const decided = await decide(req, route, body, entry.seq, account, key !== undefined);
		if (res.destroyed) {
			// The client left while its inputs were read: nothing is sent, so nothing is billed.
			if (decided.action === 'answer' && decided.charge && account) account.refund(decided.charge);
			return;
		}
		entry.fault = decided.uploadFault ?? decided.fault;
		if (decided.requestId) entry.requestId = decided.requestId;
		if (decided.action === 'reset') {
			entry.outcome = 'reset';
			entry.answeredAt = Date.now();
			req.socket.resetAndDestroy();
			return;
		}
		if (decided.action === 'hang') {
			entry.outcome = 'hung';
			return;
		}
		charge = decided.charge;
		// A queued request's latency is its processing time: the queue's own answers come at once,
		// as do uploaded files.
		const latencyMs = UNDELAYED_KINDS.includes(route.kind) ? 0 : current.latencyMs;
		const delayMs = latencyMs + (decided.extraDelayMs ?? 0);
		const answerLater = setTimeout(() => {
			timers.delete(answerLater);
			entry.status = decided.status;
			// An uploaded file comes from storage, not the API: no credits header.
			write(res, decided, route.kind === 'file' ? undefined : account, () => {
				entry.outcome = 'answered';
				entry.answeredAt = Date.now();
			});
		}, delayMs);
		timer = answerLater;
		timers.add(answerLater);
	};

	/** GET /files/<name>: no key needed; logged with whether one came, never billed. */
	const handleFile = (req: IncomingMessage, res: ServerResponse, url: URL) => {
		const { entry } = logArrival(req, url, 'file');
		res.on('close', () => {
			if (entry.outcome !== 'pending' || closing) return;
			entry.outcome = 'aborted-by-client';
			entry.closedAt = Date.now();
		});
		req.resume();
		serveFile(files, {
			req,
			res,
			pathname: url.pathname,
			origin: originOf(req),
			now: Date.now(),
			slowMs: faults.slowMs,
			later: (run, ms) => {
				const timer = setTimeout(() => {
					timers.delete(timer);
					run();
				}, ms);
				timers.add(timer);
			},
			done: (serving) => {
				if (entry.outcome !== 'pending') return;
				entry.status = serving.status;
				entry.outcome = serving.outcome;
				entry.answeredAt = Date.now();
				if (serving.fault) entry.fault = serving.fault;
			},
		});
	};

	const handleAdmin = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
		const body = await readBody(req);
		const control = { log, configure, reset, setBalance };
		write(res, planAdmin(req.method ?? 'GET', url, body, control));
	};

	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://emulator');
		if (url.pathname.startsWith(SAMPLES_PREFIX)) {
			// Public sample files: no key, not in the log, never billed.
			write(res, planSample(req.method ?? 'GET', url.pathname));
			return;
		}
		if (url.pathname.startsWith(FILES_PREFIX)) {
			handleFile(req, res, url);
			return;
		}
		const handler = url.pathname.startsWith(ADMIN_PREFIX) ? handleAdmin : handleApi;
		handler(req, res, url).catch((error) => {
			if (!res.headersSent && !res.destroyed)
				write(res, jsonError(500, `Emulator error: ${(error as Error).message}`));
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const bound = (server.address() as AddressInfo).port;
	selfOrigin = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;

	return {
		url: selfOrigin,
		port: bound,
		log,
		queued: () => queue.records(),
		pixelflowRuns: () => flows.records(),
		configure,
		reset,
		setBalance,
		close: async () => {
			closing = true;
			queue.clear();
			flows.clear();
			files.clear();
			timers.forEach((pending) => clearTimeout(pending));
			timers.clear();
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			sockets.forEach((socket) => socket.destroy());
			await closed;
		},
	};
}
