import type { ICredentialsDecrypted } from 'n8n-workflow';

import type { Deadline } from './deadline';
import { headerValue } from './outcome';
import type { Pacer } from './pacer';
import { pause } from './pause';
import type { GateTicket, RateLimitGate } from './rateLimitGate';
import {
	cancelSignalOf,
	sendRequest,
	type ApiOutcome,
	type ApiRequest,
	type RequestContext,
} from './request';

/** How one request is sent again: how long to wait after an outcome, or undefined to keep it. */
export interface RetryPolicy {
	nextWaitMs(outcome: ApiOutcome, now?: number, random?: () => number): number | undefined;
	/** The shortest wait it ever asks for (a poll interval): the last attempt starts that long before a deadline. */
	readonly minWaitMs: number;
	/** Counts a further wait on 429s and returns how much of it is allowed (none without a rate-limit budget). */
	spendRateLimitWait?(ms: number): number;
}

const RETRIED_STATUS_CODES = new Set([429, 500, 502, 503, 504]);

// Failures before the request left this machine: re-sending cannot bill twice.
const RETRIED_ERROR_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 30_000;
const MAX_RESET_WAIT_MS = 60_000;
const JITTER = 0.2;

/**
 * Whether an outcome may be sent again. Timeouts, resets and hang-ups are not: the request may
 * have reached the API, which bills every 200 and has no idempotency key.
 */
export function isRetried(outcome: ApiOutcome): boolean {
	return outcome.answered
		? RETRIED_STATUS_CODES.has(outcome.statusCode)
		: RETRIED_ERROR_CODES.has(outcome.code);
}

/** Whether reading again could help, when reading twice costs nothing: any failed connection does. */
const isRetriedUnbilled = (outcome: ApiOutcome): boolean =>
	outcome.answered ? RETRIED_STATUS_CODES.has(outcome.statusCode) : true;

/** The moment a 429's x-rate-limit-reset-at-utc names (ISO 8601, epoch s or ms), if any. */
export function rateLimitResetAt(outcome: ApiOutcome): number | undefined {
	if (!outcome.answered || outcome.statusCode !== 429) return undefined;
	const text = String(headerValue(outcome.headers, 'x-rate-limit-reset-at-utc') ?? '').trim();
	if (text === '') return undefined;
	if (/^\d+(\.\d+)?$/.test(text)) {
		const epoch = Number(text);
		return epoch < 1e12 ? epoch * 1000 : epoch;
	}
	// The header is UTC by name: a date-time written without a zone is read as UTC, not local.
	const zoneless = /T[\d:.]+$/.test(text);
	const parsed = Date.parse(zoneless ? `${text}Z` : text);
	return Number.isNaN(parsed) ? undefined : parsed;
}

/** How long until the reset moment a 429 names, at most 60 s; undefined when it names none ahead. */
export function resetWaitMs(outcome: ApiOutcome, now: number = Date.now()): number | undefined {
	const resetAt = rateLimitResetAt(outcome);
	return resetAt !== undefined && resetAt > now
		? Math.min(resetAt - now, MAX_RESET_WAIT_MS)
		: undefined;
}

/** How long to wait before retry number `retry` (1, 2, ...). */
export function retryDelayMs(
	retry: number,
	outcome: ApiOutcome,
	now: number = Date.now(),
	random: () => number = Math.random,
): number {
	const resetAt = rateLimitResetAt(outcome);
	if (resetAt !== undefined) {
		return Math.min(Math.max(resetAt - now, 0), MAX_RESET_WAIT_MS);
	}
	return backoffMs(retry, random);
}

/** The backoff before retry number `retry`: 500 ms doubling, up to 20% jitter, at most 30 s. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
	const backoff = BASE_DELAY_MS * 2 ** (retry - 1) * (1 + JITTER * random());
	return Math.min(backoff, MAX_BACKOFF_MS);
}

const isRateLimited = (outcome: ApiOutcome) => outcome.answered && outcome.statusCode === 429;

/**
 * What one request may still spend on retries. A 429 is never billed, so it is retried as long as
 * the waits on 429s stay within `rateLimitWaitMs` (requests of other executions share the plan:
 * waiting is the remedy), and does not count toward `maxRetries`, which bounds the other retries.
 * A request that bills nothing (an upload) may also be sent again after a timeout or a reset.
 */
export class RetryBudget implements RetryPolicy {
	readonly minWaitMs = 0;

	private retries = 0;

	private rateLimitRetries = 0;

	private rateLimitWaitedMs = 0;

	constructor(
		private readonly maxRetries: number,
		private readonly rateLimitWaitMs: number,
		private readonly billsNothing = false,
	) {}

	/**
	 * Counts a further wait on 429s (the plan's pause, past what this request's own 429 asked):
	 * as much of `ms` as is left of rateLimitWait, which may be 0.
	 */
	spendRateLimitWait(ms: number): number {
		const spent = Math.max(0, Math.min(ms, this.rateLimitWaitMs - this.rateLimitWaitedMs));
		this.rateLimitWaitedMs += spent;
		return spent;
	}

	/** How long to wait before sending again after `outcome`, or undefined to keep this outcome. */
	nextWaitMs(
		outcome: ApiOutcome,
		now: number = Date.now(),
		random: () => number = Math.random,
	): number | undefined {
		if (isRateLimited(outcome)) {
			this.rateLimitRetries++;
			// A reset moment still ahead is when to come back. One already past means the window has
			// just moved on: come back after the first backoff step (so retries never spin, and the
			// budget bounds them), not after a wait that grows with every 429 while the plan has room.
			const resetAt = rateLimitResetAt(outcome);
			const wait =
				resetAt === undefined
					? backoffMs(this.rateLimitRetries, random)
					: resetAt > now
						? retryDelayMs(this.rateLimitRetries, outcome, now, random)
						: backoffMs(1, random);
			if (this.rateLimitWaitedMs + wait > this.rateLimitWaitMs) return undefined;
			this.rateLimitWaitedMs += wait;
			return wait;
		}
		const retried = this.billsNothing ? isRetriedUnbilled(outcome) : isRetried(outcome);
		if (this.retries >= this.maxRetries || !retried) return undefined;
		this.retries++;
		return retryDelayMs(this.retries, outcome, now, random);
	}
}

/**
 * The retry policy of an unbilled GET (a queued request's status poll or result fetch, or with
 * its own `retried` rule a file download): reading twice costs nothing, so by default a 429, a
 * 5xx, a timeout or any failed connection is tried again, as often as the deadline allows (the
 * caller stops at it; maxRetries does not apply). Each wait follows the backoff schedule or a
 * 429's reset moment, and is never shorter than `minWaitMs` (the poll interval: a failed poll is
 * tried again at the next poll at the earliest).
 */
export class UnbilledRetries implements RetryPolicy {
	private retries = 0;

	constructor(
		readonly minWaitMs: number,
		private readonly retried: (outcome: ApiOutcome) => boolean = isRetriedUnbilled,
	) {}

	nextWaitMs(
		outcome: ApiOutcome,
		now: number = Date.now(),
		random: () => number = Math.random,
	): number | undefined {
		if (!this.retried(outcome)) return undefined;
		this.retries++;
		return Math.max(this.minWaitMs, retryDelayMs(this.retries, outcome, now, random));
	}
}

/** How one request is sent: its retry policy, its time limit, and whether it waits for a pace slot. */
export interface SendPlan {
	policy: RetryPolicy;
	/** A time limit shared by several requests, else `timeoutMs` for each attempt. */
	deadline?: Deadline;
	timeoutMs: number;
	/** Requests that may be billed wait their slot; reads go at once. */
	pacer?: Pacer;
	/** The plan's gate: billed requests wait out its pauses (within rateLimitWait) and its limit. */
	gate?: RateLimitGate;
	credential: ICredentialsDecrypted;
	/** Whether the run is ending (cancelled, or failing): no further attempt starts then. */
	stopping: () => boolean;
}

/**
 * Sends a request, again as its policy allows. With a deadline the first attempt starts it, each
 * attempt gets what is left, and running out is the whole deadline's timeout. With the plan's
 * gate, each attempt first waits out the plan's pause (as far as the request's rateLimitWait
 * allows) and for a place among the requests in flight, and a 429's wait is that pause. Resolves
 * undefined when the run stops before an attempt, or is cancelled during one or during a wait.
 */
export async function sendWithRetries(
	context: RequestContext,
	request: ApiRequest,
	plan: SendPlan,
): Promise<ApiOutcome | undefined> {
	const { policy, deadline, pacer, gate, credential, stopping } = plan;
	const signal = cancelSignalOf(context);
	// How long this request's own 429 asked it to wait: counted by its policy already.
	let countedMs = 0;
	for (;;) {
		let ticket: GateTicket | undefined;
		if (gate) {
			const passed = await passGate(gate, policy, countedMs, deadline, signal);
			countedMs = 0;
			if (passed === 'cancelled') return undefined;
			if (passed === 'expired') return deadline?.expired();
			ticket = passed;
		}
		await pacer?.nextSlot(signal);
		if (stopping()) {
			if (ticket) gate?.leave(ticket);
			return undefined;
		}
		if (ticket && gate?.pausedSince(ticket)) {
			// Another request met a 429 while this one waited for its slot: it waits the pause too.
			gate.leave(ticket);
			continue;
		}
		deadline?.start();
		const attemptMs = deadline ? deadline.remainingMs() : plan.timeoutMs;
		const outcome =
			deadline && attemptMs <= 0
				? deadline.expired()
				: await sendRequest(context, request, attemptMs, credential);
		if (ticket) gate?.leave(ticket, outcome);
		if (signal?.aborted) return undefined;
		if (deadline && !outcome.answered && outcome.kind === 'timeout') return deadline.expired();
		let waitMs = policy.nextWaitMs(outcome);
		if (waitMs === undefined) return outcome;
		if (gate && outcome.answered && outcome.statusCode === 429) {
			// The plan's pause, which this 429 has set or lengthened, is waited at the next turn.
			countedMs = waitMs;
			continue;
		}
		if (deadline) {
			const lastStartMs = lastStartWithin(deadline, policy);
			if (lastStartMs <= 0) return deadline.expired();
			waitMs = Math.min(waitMs, lastStartMs);
		}
		await pause(waitMs, signal);
		if (signal?.aborted) return undefined;
	}
}

/**
 * A wait may outgrow the time left: the last attempt still starts `minWaitMs` before the
 * deadline, so the item ends at its timeout, not a long backoff earlier.
 */
const lastStartWithin = (deadline: Deadline, policy: RetryPolicy) =>
	deadline.remainingMs() - policy.minWaitMs;

/**
 * Waits out the plan's pause, as far as the request's rateLimitWait allows (`countedMs` of it
 * counted already, for the request's own 429), then for a place among the requests in flight.
 * A request whose rateLimitWait is spent goes without waiting for the pause: its answer decides.
 */
async function passGate(
	gate: RateLimitGate,
	policy: RetryPolicy,
	countedMs: number,
	deadline: Deadline | undefined,
	signal: AbortSignal | undefined,
): Promise<GateTicket | 'cancelled' | 'expired'> {
	let counted = countedMs;
	for (;;) {
		// Whole milliseconds: a timer truncates a fraction, so what is left after a wait can be a
		// fraction of one, not a pause to wait again.
		const pauseMs = Math.floor(gate.pauseLeftMs());
		const beyondMs = Math.max(0, pauseMs - counted);
		let waitMs = counted + (beyondMs > 0 ? (policy.spendRateLimitWait?.(beyondMs) ?? 0) : 0);
		counted = 0;
		if (waitMs > 0) {
			if (deadline) {
				const lastStartMs = lastStartWithin(deadline, policy);
				if (lastStartMs <= 0) return 'expired';
				waitMs = Math.min(waitMs, lastStartMs);
			}
			await pause(waitMs, signal);
			if (signal?.aborted) return 'cancelled';
			continue;
		}
		const ticket = gate.tryEnter();
		if (ticket) return ticket;
		await gate.changed(signal);
		if (signal?.aborted) return 'cancelled';
	}
}
