import { createHash } from 'crypto';

import type { ApiOutcome } from './request';
import { backoffMs, resetWaitMs } from './send';

/** Up to this share of a pause is added to it at random, so that those who share a plan come back apart. */
export const PAUSE_SPREAD = 0.1;

/** How far back answers are remembered: no 429 names a reset further ahead than this. */
const MEMORY_MS = 60_000;

/**
 * After a 429 that ended a stretch in which the plan took requests, the pause lasts at least this
 * share of the plan's window: the requests it took then come back spread over the window, and
 * coming back at the first of them would meet a 429 for each one.
 */
export const REFILL_SHARE = 0.1;

const isRateLimited = (outcome: ApiOutcome) => outcome.answered && outcome.statusCode === 429;

/** A place among the requests in flight, taken by `tryEnter` and given back by `leave`. */
export interface GateTicket {
	/** How many pauses had been set when it was taken. */
	pauses: number;
	/** Taken during a pause (by a request with no rateLimitWait left): its 429 is no news. */
	duringPause: boolean;
}

/**
 * What the billed requests that share one Segmind plan have learnt from its 429s.
 *
 * - A 429 pauses them all until its reset moment, plus a random part of the wait of up to
 *   PAUSE_SPREAD of it: others that share the plan were told the same moment, and come back
 *   spread out instead of all at once. A reset moment already past, or none, pauses one
 *   backoff step. 429s of requests sent before the pause was set (or during it) change nothing
 *   but its end.
 * - After a pause, one request goes alone; each one the plan takes lets more go at once
 *   (doubling per round trip, then one more per round trip). The plan's window is learnt from
 *   the 429s (the longest wait one named), and what the plan took from these requests within
 *   the window that ended in the 429 is how many it is expected to take again: up to that many
 *   go that way (the doubling stops at half of it), then one at a time until the next 429. So
 *   the plan fills without a wave of requests that all meet the next 429.
 * - A 429 that ends a stretch in which the plan took requests pauses at least REFILL_SHARE of
 *   the window (the plan is full, and its room comes back a little at a time); one after a
 *   pause in which the plan took nothing, at least one backoff step longer than the last.
 * - A whole window after the last pause without a 429, the limits are lifted.
 */
export class RateLimitGate {
	private pausedUntil = 0;

	/** Pauses set so far: a 429 of a request that went before the last one tells nothing new. */
	private pauses = 0;

	/** Pauses in a row after which the plan took nothing before the next 429. */
	private failedPauses = 0;

	private lastRateLimitAt = -Infinity;

	/** The longest wait a 429 has named: the plan's window, as far as seen. */
	private windowMs = 0;

	/** When the plan took each request of the last MEMORY_MS (answered other than 429), from `takenFrom` on. */
	private takenAt: number[] = [];

	private takenFrom = 0;

	private takenSincePause = 0;

	/** How many the plan is expected to take after the pause; Infinity when no 429 is known. */
	private expected = Infinity;

	/** Requests in flight at once since the last 429 (growing as the plan takes them); Infinity when none is known. */
	private limit = Infinity;

	private inFlight = 0;

	private readonly waiting = new Set<() => void>();

	/** How long the pause has still to run; 0 when there is none. */
	pauseLeftMs(now: number = Date.now()): number {
		return Math.max(0, this.pausedUntil - now);
	}

	/** A place among the requests in flight, if the limits leave one (callers wait out the pause first). */
	tryEnter(now: number = Date.now()): GateTicket | undefined {
		if (
			this.limit !== Infinity &&
			now - Math.max(this.lastRateLimitAt, this.pausedUntil) > this.window()
		) {
			this.limit = Infinity;
			this.expected = Infinity;
		}
		const allowed = Math.max(1, Math.min(this.limit, this.expected - this.takenSincePause));
		if (this.inFlight >= allowed) return undefined;
		this.inFlight++;
		return { pauses: this.pauses, duringPause: now < this.pausedUntil };
	}

	/** Whether a pause was set since this ticket was taken (a request not sent yet may wait instead). */
	pausedSince(ticket: GateTicket): boolean {
		return ticket.pauses < this.pauses;
	}

	/** Resolves when a place is given back (then try again), or at once on cancel. */
	async changed(signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) return;
		await new Promise<void>((resolve) => {
			const done = () => {
				this.waiting.delete(done);
				signal?.removeEventListener('abort', done);
				resolve();
			};
			this.waiting.add(done);
			signal?.addEventListener('abort', done, { once: true });
		});
	}

	/** Gives the place back, with the outcome of its request when one came. */
	leave(
		ticket: GateTicket,
		outcome?: ApiOutcome,
		now: number = Date.now(),
		random: () => number = Math.random,
	): void {
		this.inFlight--;
		if (outcome && isRateLimited(outcome)) this.rateLimited(ticket, outcome, now, random);
		else if (outcome?.answered) this.taken(now);
		for (const wake of [...this.waiting]) wake();
	}

	private rateLimited(ticket: GateTicket, outcome: ApiOutcome, now: number, random: () => number) {
		const untilReset = resetWaitMs(outcome, now);
		this.lastRateLimitAt = now;
		if (untilReset !== undefined) this.windowMs = Math.max(this.windowMs, untilReset);
		if (ticket.pauses < this.pauses || ticket.duringPause) {
			if (untilReset !== undefined) this.pausedUntil = Math.max(this.pausedUntil, now + untilReset);
			return;
		}
		const tookSome = this.takenSincePause > 0;
		this.failedPauses = this.pauses > 0 && !tookSome ? this.failedPauses + 1 : 0;
		const windowStart = now - this.window();
		let first = this.takenFrom;
		while (first < this.takenAt.length && this.takenAt[first] <= windowStart) first++;
		this.expected = this.takenAt.length - first;
		this.takenSincePause = 0;
		this.limit = 1;
		const backoff = backoffMs(this.failedPauses + 1, random);
		const waitMs = untilReset ?? backoff;
		const spread = waitMs * PAUSE_SPREAD * random();
		const refill =
			this.pauses > 0 && tookSome
				? this.window() * REFILL_SHARE * (1 + PAUSE_SPREAD * random())
				: 0;
		const atLeast = Math.max(this.failedPauses > 0 ? backoff : 0, refill);
		this.pausedUntil = Math.max(this.pausedUntil, now + Math.max(waitMs + spread, atLeast));
		this.pauses++;
	}

	/** The plan's window as far as 429s have shown it; without a reset moment seen, the longest there is. */
	private window(): number {
		return this.windowMs || MEMORY_MS;
	}

	private taken(now: number) {
		this.takenSincePause++;
		this.takenAt.push(now);
		while (this.takenAt[this.takenFrom] <= now - MEMORY_MS) this.takenFrom++;
		if (this.takenFrom > 1024 && this.takenFrom * 2 > this.takenAt.length) {
			this.takenAt = this.takenAt.slice(this.takenFrom);
			this.takenFrom = 0;
		}
		// Doubling per round trip up to half of what the plan is expected to take, then one more
		// per round trip: the fewer in flight when the plan fills, the fewer 429s.
		if (this.limit !== Infinity) this.limit += this.limit < this.expected / 2 ? 1 : 1 / this.limit;
	}
}

const gates = new Map<string, RateLimitGate>();

/**
 * The gate of one plan (an API key at a base URL), shared by every run in this process: n8n runs
 * many executions in one process (its main process, or each queue-mode worker), and all of
 * them spend the same plan. The key is kept only as a hash.
 */
export function planGate(baseUrl: string, apiKey: string): RateLimitGate {
	const id = createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex');
	let gate = gates.get(id);
	if (!gate) {
		gate = new RateLimitGate();
		gates.set(id, gate);
	}
	return gate;
}

/** Forgets every plan's gate (for tests that must not inherit another test's pause). */
export function forgetPlanGates(): void {
	gates.clear();
}
