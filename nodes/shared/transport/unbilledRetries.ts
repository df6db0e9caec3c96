import type { ApiOutcome } from './ApiOutcome';
import { retryDelayMs } from './retryPolicy';

const RETRIED_STATUS_CODES = new Set([429, 500, 502, 503, 504]);

/**
 * The retry policy of an unbilled GET (a queued request's status poll or result fetch): reading
 * twice costs nothing, so a 429, a 5xx, a timeout or any failed connection is tried again, as
 * often as the deadline allows (the caller stops at it; maxRetries does not apply). Each wait
 * follows the backoff schedule or a 429's reset moment, and is never shorter than `floorMs`
 * (the poll interval: a failed poll is tried again at the next poll at the earliest).
 */
export class UnbilledRetries {
	private retries = 0;

	constructor(private readonly floorMs: number) {}

	/** How long to wait before reading again after `outcome`, or undefined to keep this outcome. */
	nextWaitMs(
		outcome: ApiOutcome,
		now: number = Date.now(),
		random: () => number = Math.random,
	): number | undefined {
		const retried = outcome.answered ? RETRIED_STATUS_CODES.has(outcome.statusCode) : true;
		if (!retried) return undefined;
		this.retries++;
		return Math.max(this.floorMs, retryDelayMs(this.retries, outcome, now, random));
	}
}
