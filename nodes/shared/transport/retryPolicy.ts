import type { ApiOutcome } from './ApiOutcome';

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

/** The moment a 429's x-rate-limit-reset-at-utc names (ISO 8601, epoch s or ms), if any. */
export function rateLimitResetAt(outcome: ApiOutcome): number | undefined {
	if (!outcome.answered || outcome.statusCode !== 429) return undefined;
	const header = outcome.headers['x-rate-limit-reset-at-utc'];
	const text = String(Array.isArray(header) ? header[0] : (header ?? '')).trim();
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
	const backoff = BASE_DELAY_MS * 2 ** (retry - 1) * (1 + JITTER * random());
	return Math.min(backoff, MAX_BACKOFF_MS);
}
