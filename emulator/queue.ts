// The requests POST /v2/{slug} accepted: their state over time, their one charge, their expiry.
import { randomUUID } from 'node:crypto';
import type { Account } from './accounts';
import type { QueueDirective, QueuedRecord } from './types';

export interface QueuedRequest {
	requestId: string;
	slug: string;
	account: Account;
	submitSeq: number;
	submittedAt: number;
	/** When processing ends: COMPLETED (or FAILED) from then on. */
	readyAt: number;
	directive?: QueueDirective;
	/** The result's fields beside status and metrics (a media run's files on `origin`). */
	result: (origin: string) => Record<string, unknown>;
	/** FAILED with this error once ready (a PixelFlow that fails, or the model-failed directive). */
	failWith?: string;
	charged: boolean;
	failedError?: string;
	/** A poll-* or fetch-reset directive is spent on the first poll or fetch. */
	pollFaultSpent: boolean;
	fetchFaultSpent: boolean;
}

export interface Submission {
	slug: string;
	account: Account;
	submitSeq: number;
	directive?: QueueDirective;
	result: (origin: string) => Record<string, unknown>;
	failWith?: string;
	/** How long it processes, when not the latency (a slow PixelFlow). */
	processingMs?: number;
}

export class RequestQueue {
	private readonly requests = new Map<string, QueuedRequest>();

	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(
		private readonly settings: () => {
			latencyMs: number;
			costPerRequest: number;
			resultTtlMs: number;
		},
	) {}

	/** Queues a request; it completes (and is charged) after the latency, polled or not. */
	add(submission: Submission, now: number): QueuedRequest {
		const { processingMs, ...rest } = submission;
		const latencyMs = processingMs ?? this.settings().latencyMs;
		const request: QueuedRequest = {
			...rest,
			failWith:
				rest.failWith ??
				(rest.directive === 'model-failed' ? 'The model failed to generate a response' : undefined),
			requestId: randomUUID(),
			submittedAt: now,
			readyAt: now + latencyMs,
			charged: false,
			pollFaultSpent: false,
			fetchFaultSpent: false,
		};
		this.requests.set(request.requestId, request);
		const settleLater = setTimeout(() => {
			this.timers.delete(settleLater);
			this.settle(request, Date.now());
		}, latencyMs);
		this.timers.add(settleLater);
		return request;
	}

	/** The request with this id for this account; undefined when unknown, another key's, or expired. */
	find(requestId: string, account: Account, now: number): QueuedRequest | undefined {
		const request = this.requests.get(requestId);
		if (!request || request.account !== account) return undefined;
		if (now >= request.submittedAt + this.settings().resultTtlMs) {
			this.requests.delete(requestId);
			return undefined;
		}
		this.settle(request, now);
		return request;
	}

	stateOf(request: QueuedRequest, now: number): QueuedRecord['state'] {
		this.settle(request, now);
		if (request.failedError !== undefined) return 'FAILED';
		if (request.charged) return 'COMPLETED';
		// Processing takes the second half of the latency; never-completes stays there.
		return now < request.submittedAt + (request.readyAt - request.submittedAt) / 2
			? 'QUEUED'
			: 'PROCESSING';
	}

	records(now: number = Date.now()): QueuedRecord[] {
		return [...this.requests.values()].map((request) => ({
			requestId: request.requestId,
			slug: request.slug,
			keyLabel: request.account.label,
			submitSeq: request.submitSeq,
			state: this.stateOf(request, now),
			charged: request.charged,
		}));
	}

	clear(): void {
		this.timers.forEach((timer) => clearTimeout(timer));
		this.timers.clear();
		this.requests.clear();
	}

	/** Once ready: charged once and COMPLETED, or FAILED (asked for, or no credits left). */
	private settle(request: QueuedRequest, now: number): void {
		const done = request.charged || request.failedError !== undefined;
		if (done || now < request.readyAt || request.directive === 'never-completes') return;
		if (request.failWith !== undefined) {
			request.failedError = request.failWith;
			return;
		}
		const charge = request.account.charge(this.settings().costPerRequest);
		if (charge) request.charged = true;
		else request.failedError = 'Not enough credits';
	}
}
