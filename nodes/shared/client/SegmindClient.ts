import { createHash } from 'crypto';
import type { ICredentialsDecrypted, IDataObject } from 'n8n-workflow';

import { CREDENTIAL_NAME, DEFAULT_BASE_URL } from '../constants';
import { Deadline } from './deadline';
import {
	downloadFile,
	type DownloadLimits,
	type DownloadOutcome,
	type StoreDownload,
} from './download';
import { Pacer } from './pacer';
import { pause } from './pause';
import { planGate, type RateLimitGate } from './rateLimitGate';
import {
	collectQueued,
	MODEL_FAILED,
	PIXELFLOW_FAILED,
	submitAndCollect,
	type QueuedResult,
	type QueueRoutes,
} from './queue';
import { cancelSignalOf, type ApiOutcome, type ApiRequest, type RequestContext } from './request';
import { RetryBudget, sendWithRetries, UnbilledRetries, type SendPlan } from './send';
import { urlsOf, type SegmindUrls } from './urls';

/** How a run's requests are sent: the options every operation reads once. */
export interface ClientSettings {
	/** Per request; for a queued run, from the submit to the end of the result fetch. */
	timeoutMs: number;
	maxRetries: number;
	/** The most one request may wait on 429s in all. */
	rateLimitWaitMs: number;
	/** Between polls of a queued request. */
	pollIntervalMs: number;
	/** 0: no limit (requests still start one per turn of the event loop). */
	requestsPerMinute: number;
}

/**
 * Segmind's API for one run of a node: every URL, every kind of request with its retry policy,
 * and the queue flow. The credential is decrypted once per run (n8n would otherwise decrypt it
 * for every request); the API key travels only to URLs built here.
 */
export class SegmindClient {
	private readonly pacer: Pacer;

	/** What this process has learnt from the plan's 429s, shared with its other runs. */
	private readonly gate: RateLimitGate;

	private constructor(
		private readonly context: RequestContext,
		private readonly credential: ICredentialsDecrypted,
		readonly urls: SegmindUrls,
		readonly settings: ClientSettings,
		/** Whether the run is ending (cancelled, or failing): no further attempt starts then. */
		private readonly stopping: () => boolean,
	) {
		this.pacer = new Pacer(settings.requestsPerMinute);
		this.gate = planGate(urls.root, String(credential.data?.apiKey ?? ''));
	}

	/** The client of the node's credential, or why its base URL is refused (nothing is sent then). */
	static async create(
		context: RequestContext,
		settings: ClientSettings,
		stopping: () => boolean = () => cancelSignalOf(context)?.aborted === true,
	): Promise<{ client: SegmindClient } | { refused: string }> {
		const data = await context.getCredentials(CREDENTIAL_NAME);
		const checked = urlsOf(data.baseUrl ?? DEFAULT_BASE_URL);
		if ('refused' in checked) return checked;
		const { id, name } = context.getNode().credentials?.[CREDENTIAL_NAME] ?? {};
		const credential = { id: id ?? '', name: name ?? '', type: CREDENTIAL_NAME, data };
		return { client: new SegmindClient(context, credential, checked.urls, settings, stopping) };
	}

	/**
	 * The account behind this client: its credential, API root and a hash of its key (the key is
	 * not kept), so a cache of what it read is never served to another key, nor to this credential
	 * once its key changes.
	 */
	get account(): string {
		const key = String(this.credential.data?.apiKey ?? '');
		const keyHash = createHash('sha256').update(key).digest('hex').slice(0, 16);
		return `${this.credential.id}|${this.urls.root}|${keyHash}`;
	}

	/**
	 * A request that may be billed: paced, held by the plan's pauses after 429s, and sent again
	 * only when it cannot have been billed (5xx, refused connection: up to maxRetries; 429: within
	 * rateLimitWait).
	 */
	async sendBilled(request: ApiRequest, deadline?: Deadline): Promise<ApiOutcome | undefined> {
		const { maxRetries, rateLimitWaitMs, timeoutMs } = this.settings;
		return await this.send(request, {
			policy: new RetryBudget(maxRetries, rateLimitWaitMs),
			pacer: this.pacer,
			gate: this.gate,
			deadline,
			timeoutMs,
		});
	}

	/** A read that bills nothing (a poll, a result fetch): tried again until the deadline, unpaced. */
	async sendRead(request: ApiRequest, deadline: Deadline): Promise<ApiOutcome | undefined> {
		return await this.send(request, {
			policy: new UnbilledRetries(this.settings.pollIntervalMs),
			deadline,
			timeoutMs: this.settings.timeoutMs,
		});
	}

	/** A request that bills nothing but writes (an upload): timeouts are sent again too, up to maxRetries. */
	async sendUnbilledWrite(request: ApiRequest): Promise<ApiOutcome | undefined> {
		const { maxRetries, rateLimitWaitMs, timeoutMs } = this.settings;
		return await this.send(request, {
			policy: new RetryBudget(maxRetries, rateLimitWaitMs, true),
			timeoutMs,
		});
	}

	/** Waits one poll interval, unless the deadline would pass first or the run is cancelled. */
	async waitPollInterval(deadline: Deadline): Promise<'waited' | 'expired' | 'cancelled'> {
		const { pollIntervalMs } = this.settings;
		if (pollIntervalMs >= deadline.remainingMs()) return 'expired';
		const signal = cancelSignalOf(this.context);
		await pause(pollIntervalMs, signal);
		return signal?.aborted ? 'cancelled' : 'waited';
	}

	/** Runs a model and waits for its answer on the same connection (v1). */
	async runModel(slug: string, body: IDataObject): Promise<ApiOutcome | undefined> {
		return await this.sendBilled({ method: 'POST', url: this.urls.run(slug), body });
	}

	/**
	 * Runs a media model and waits for its answer (v1). A file answer (a 2xx neither JSON nor text)
	 * keeps its body as a stream, which the caller must read or destroy within what is left of
	 * `deadline` (the timeout runs from the first attempt to the end of reading); any other body
	 * arrives read, as its JSON value or its text.
	 */
	async runMedia(
		slug: string,
		body: IDataObject,
	): Promise<{ outcome: ApiOutcome; deadline: Deadline } | undefined> {
		const deadline = new Deadline(this.settings.timeoutMs);
		const request = { method: 'POST' as const, url: this.urls.run(slug), body, media: true };
		const outcome = await this.sendBilled(request, deadline);
		return outcome && { outcome, deadline };
	}

	/** Runs a model through Segmind's queue (v2): submitted, polled, fetched. */
	async queueModel(slug: string, body: IDataObject): Promise<QueuedResult | undefined> {
		return await submitAndCollect(this, this.modelQueue(this.urls.submit(slug)), body);
	}

	/** Collects a model run queued earlier, by its request id: nothing is submitted or billed. */
	async collectModel(requestId: string): Promise<QueuedResult | undefined> {
		return await collectQueued(this, this.modelQueue(''), requestId);
	}

	/** Runs a PixelFlow: submitted, then polled until its outputs are ready. */
	async queuePixelflow(workflowId: string, inputs: IDataObject): Promise<QueuedResult | undefined> {
		return await submitAndCollect(
			this,
			this.pixelflowQueue(this.urls.pixelflowRun(workflowId)),
			inputs,
		);
	}

	/** Collects a PixelFlow run submitted earlier, by its request id: nothing is billed. */
	async collectPixelflow(requestId: string): Promise<QueuedResult | undefined> {
		return await collectQueued(this, this.pixelflowQueue(''), requestId);
	}

	/**
	 * Downloads an output file named by an answer: without the API key, only from the hosts
	 * `limits.downloadFrom` allows (every redirect hop too), retried within its own time limit
	 * (`timeoutMs`, each download afresh). `store` receives the body as a stream (see download.ts).
	 * Resolves undefined when the run stops or is cancelled.
	 */
	async download<T>(
		url: string,
		limits: DownloadLimits,
		store: StoreDownload<T>,
	): Promise<DownloadOutcome<T> | undefined> {
		return await downloadFile(
			this.context,
			url,
			limits,
			{ baseHost: this.urls.host, timeoutMs: this.settings.timeoutMs, stopping: this.stopping },
			store,
		);
	}

	/** The account's balance. */
	async getCredits(): Promise<ApiOutcome | undefined> {
		return await this.sendBilled({ method: 'GET', url: this.urls.credits });
	}

	/** Segmind's model catalogue: one attempt within the timeout (a list has a fallback). */
	async readCatalog(): Promise<ApiOutcome | undefined> {
		return await this.send(
			{ method: 'GET', url: this.urls.catalog },
			{ policy: new RetryBudget(0, 0), timeoutMs: this.settings.timeoutMs },
		);
	}

	private modelQueue(submit: string): QueueRoutes {
		return {
			submit,
			status: this.urls.status,
			result: this.urls.result,
			failed: { statusMessage: MODEL_FAILED, errorKey: 'error' },
		};
	}

	// A PixelFlow's poll carries its outputs: there is no result to fetch.
	private pixelflowQueue(submit: string): QueueRoutes {
		return {
			submit,
			status: this.urls.pixelflowPoll,
			failed: { statusMessage: PIXELFLOW_FAILED, errorKey: 'error_message' },
		};
	}

	private async send(
		request: ApiRequest,
		plan: Omit<SendPlan, 'credential' | 'stopping'>,
	): Promise<ApiOutcome | undefined> {
		return await sendWithRetries(this.context, request, {
			...plan,
			credential: this.credential,
			stopping: this.stopping,
		});
	}
}
