import type { IDataObject } from 'n8n-workflow';

import type { ApiOutcome } from '../../nodes/shared/client';
import {
	isRetried,
	rateLimitResetAt,
	resetWaitMs,
	retryDelayMs,
	RetryBudget,
} from '../../nodes/shared/client';

const answer = (statusCode: number, headers: IDataObject = {}): ApiOutcome => ({
	answered: true,
	statusCode,
	reasonPhrase: '',
	headers,
	body: undefined,
});

const noAnswer = (kind: 'timeout' | 'network', code: string, message = code): ApiOutcome => ({
	answered: false,
	kind,
	code,
	message,
});

describe('what is retried', () => {
	test.each([429, 500, 502, 503, 504])('status %i is retried', (code) => {
		expect(isRetried(answer(code))).toBe(true);
	});

	test.each([200, 201, 400, 401, 403, 404, 405, 406, 410, 418, 422, 501, 505])(
		'status %i is never retried',
		(code) => {
			expect(isRetried(answer(code))).toBe(false);
		},
	);

	test.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])(
		'%s (the request never left this machine) is retried',
		(code) => {
			expect(isRetried(noAnswer('network', code))).toBe(true);
		},
	);

	test.each([
		['a timeout', noAnswer('timeout', 'ECONNABORTED', 'No answer within the timeout of 100 ms')],
		['a timeout by ETIMEDOUT', noAnswer('timeout', 'ETIMEDOUT')],
		['a reset', noAnswer('network', 'ECONNRESET', 'read ECONNRESET')],
		['a hang-up', noAnswer('network', 'ECONNRESET', 'socket hang up')],
		['a hang-up without a code', noAnswer('network', '', 'socket hang up')],
		['a broken pipe', noAnswer('network', 'EPIPE')],
	])('%s is never retried: the request may have reached the API', (_name, outcome) => {
		expect(isRetried(outcome)).toBe(false);
	});
});

describe('backoff', () => {
	const server = answer(503);
	const low = () => 0;
	// The top of the jitter range: Math.random never returns 1.
	const high = () => 0.999999;

	test.each([
		[1, 500],
		[2, 1000],
		[3, 2000],
		[4, 4000],
		[5, 8000],
		[6, 16000],
	])('retry %i waits %i ms without jitter', (retry, ms) => {
		expect(retryDelayMs(retry, server, 0, low)).toBe(ms);
	});

	test.each([
		[1, 500],
		[2, 1000],
		[3, 2000],
		[5, 8000],
	])('retry %i waits at most 20%% more than %i ms', (retry, ms) => {
		const delay = retryDelayMs(retry, server, 0, high);
		expect(delay).toBeGreaterThan(ms * 1.19);
		expect(delay).toBeLessThanOrEqual(ms * 1.2);
	});

	test('half the jitter range gives 10% more', () => {
		expect(retryDelayMs(2, server, 0, () => 0.5)).toBeCloseTo(1100, 6);
	});

	test.each([7, 8, 20])('retry %i is capped at 30 s, jitter included', (retry) => {
		expect(retryDelayMs(retry, server, 0, high)).toBe(30_000);
		expect(retryDelayMs(retry, server, 0, low)).toBe(30_000);
	});

	test('a refused connection backs off the same way', () => {
		expect(retryDelayMs(1, noAnswer('network', 'ECONNREFUSED'), 0, low)).toBe(500);
	});

	test('a 429 without the reset header backs off the same way', () => {
		expect(retryDelayMs(2, answer(429), 0, low)).toBe(1000);
	});
});

describe("a 429's x-rate-limit-reset-at-utc", () => {
	const now = Date.UTC(2026, 10, 5, 12, 0, 0);
	const limited = (reset: string) => answer(429, { 'x-rate-limit-reset-at-utc': reset });
	const neverCalled = () => {
		throw new Error('no jitter when the API names the moment');
	};

	test('ISO 8601: waits until that moment', () => {
		const reset = new Date(now + 7_250).toISOString();
		expect(rateLimitResetAt(limited(reset))).toBe(now + 7_250);
		expect(retryDelayMs(1, limited(reset), now, neverCalled)).toBe(7_250);
	});

	test('ISO 8601 with an offset', () => {
		expect(retryDelayMs(1, limited('2026-11-05T13:00:05+01:00'), now, neverCalled)).toBe(5_000);
	});

	test('epoch seconds', () => {
		const reset = String((now + 9_000) / 1000);
		expect(retryDelayMs(1, limited(reset), now, neverCalled)).toBe(9_000);
	});

	test('epoch seconds with a fraction', () => {
		const reset = String((now + 1_500) / 1000);
		expect(retryDelayMs(3, limited(reset), now, neverCalled)).toBe(1_500);
	});

	test('epoch milliseconds', () => {
		expect(retryDelayMs(1, limited(String(now + 12_345)), now, neverCalled)).toBe(12_345);
	});

	test.each([
		['ISO 8601', new Date(now + 10 * 60_000).toISOString()],
		['epoch seconds', String((now + 10 * 60_000) / 1000)],
		['epoch milliseconds', String(now + 10 * 60_000)],
	])('%s is capped at 60 s', (_name, reset) => {
		expect(retryDelayMs(1, limited(reset), now, neverCalled)).toBe(60_000);
	});

	test.each([
		['ISO 8601', new Date(now - 5_000).toISOString()],
		['epoch seconds', String((now - 5_000) / 1000)],
		['epoch milliseconds', String(now - 5_000)],
	])('%s in the past waits 0', (_name, reset) => {
		expect(retryDelayMs(1, limited(reset), now, neverCalled)).toBe(0);
	});

	test('a repeated header uses its first value', () => {
		const outcome = answer(429, {
			'x-rate-limit-reset-at-utc': [new Date(now + 2_000).toISOString(), 'junk'],
		});
		expect(retryDelayMs(1, outcome, now, neverCalled)).toBe(2_000);
	});

	test.each(['', 'soon', 'tomorrow at noon'])('an unreadable header (%p) falls back to backoff', (reset) => {
		expect(rateLimitResetAt(limited(reset))).toBeUndefined();
		expect(retryDelayMs(1, limited(reset), now, () => 0)).toBe(500);
	});

	test('only a 429 is read for it: a 503 with the header backs off', () => {
		const outcome = answer(503, { 'x-rate-limit-reset-at-utc': new Date(now + 20_000).toISOString() });
		expect(rateLimitResetAt(outcome)).toBeUndefined();
		expect(retryDelayMs(1, outcome, now, () => 0)).toBe(500);
	});
});

test('a reset moment written without a zone is read as UTC, as the header name says', () => {
	const outcome = {
		answered: true as const,
		statusCode: 429,
		reasonPhrase: 'Too Many Requests',
		headers: { 'x-rate-limit-reset-at-utc': '2030-01-01T00:00:10' },
		body: '',
	};
	expect(rateLimitResetAt(outcome)).toBe(Date.UTC(2030, 0, 1, 0, 0, 10));
});

describe('the retry budget of one request', () => {
	const low = () => 0;
	const now = Date.UTC(2026, 11, 1);
	const resetIn = (ms: number) =>
		answer(429, { 'x-rate-limit-reset-at-utc': new Date(now + ms).toISOString() });

	test('429s do not count toward maxRetries: they go on while their waits fit in rateLimitWait', () => {
		const budget = new RetryBudget(0, 10_000);
		expect(budget.nextWaitMs(resetIn(4_000), now, low)).toBe(4_000);
		expect(budget.nextWaitMs(resetIn(4_000), now, low)).toBe(4_000);
		// 8 s waited: another 4 s would pass 10 s, so this 429 is the answer.
		expect(budget.nextWaitMs(resetIn(4_000), now, low)).toBeUndefined();
	});

	test('a 429 without a reset moment backs off on its own count', () => {
		const budget = new RetryBudget(0, 60_000);
		expect(budget.nextWaitMs(answer(429), 0, low)).toBe(500);
		expect(budget.nextWaitMs(answer(429), 0, low)).toBe(1_000);
		expect(budget.nextWaitMs(answer(429), 0, low)).toBe(2_000);
	});

	test('a 429 whose reset moment has passed comes back after the first backoff step, however many came before', () => {
		const budget = new RetryBudget(0, 60_000);
		for (let retry = 0; retry < 5; retry++) budget.nextWaitMs(answer(429), 0, low);
		expect(budget.nextWaitMs(resetIn(-5_000), now, low)).toBe(500);
		expect(budget.nextWaitMs(resetIn(-5_000), now, low)).toBe(500);
	});

	test('other retried outcomes stop after maxRetries, whatever 429s came between', () => {
		const budget = new RetryBudget(2, 60_000);
		expect(budget.nextWaitMs(answer(503), 0, low)).toBe(500);
		expect(budget.nextWaitMs(answer(429), 0, low)).toBe(500);
		expect(budget.nextWaitMs(answer(500), 0, low)).toBe(1_000);
		expect(budget.nextWaitMs(answer(502), 0, low)).toBeUndefined();
	});

	test('what is never retried stays never retried', () => {
		const budget = new RetryBudget(5, 60_000);
		expect(budget.nextWaitMs(noAnswer('timeout', 'ETIMEDOUT'), 0, low)).toBeUndefined();
		expect(budget.nextWaitMs(answer(406), 0, low)).toBeUndefined();
		expect(budget.nextWaitMs(answer(200), 0, low)).toBeUndefined();
	});

	test('rateLimitWait 0 retries no 429', () => {
		expect(new RetryBudget(3, 0).nextWaitMs(answer(429), 0, low)).toBeUndefined();
	});

	test("the plan's pause beyond a 429's own wait is counted too, as far as rateLimitWait goes", () => {
		const budget = new RetryBudget(0, 10_000);
		expect(budget.nextWaitMs(resetIn(4_000), now, low)).toBe(4_000);
		expect(budget.spendRateLimitWait(3_000)).toBe(3_000);
		// 7 s counted: 3 s are left, whatever is asked.
		expect(budget.spendRateLimitWait(5_000)).toBe(3_000);
		expect(budget.spendRateLimitWait(1_000)).toBe(0);
		expect(budget.nextWaitMs(resetIn(1), now, low)).toBeUndefined();
	});

	test('rateLimitWait 0 allows no pause at all', () => {
		expect(new RetryBudget(3, 0).spendRateLimitWait(500)).toBe(0);
	});
});

describe('the wait until a reset moment', () => {
	const now = Date.UTC(2026, 11, 1);
	const resetIn = (ms: number) =>
		answer(429, { 'x-rate-limit-reset-at-utc': new Date(now + ms).toISOString() });

	test('a moment ahead: the time to it, at most 60 s', () => {
		expect(resetWaitMs(resetIn(2_500), now)).toBe(2_500);
		expect(resetWaitMs(resetIn(600_000), now)).toBe(60_000);
	});

	test('a moment past, none, or another status than 429: undefined', () => {
		expect(resetWaitMs(resetIn(0), now)).toBeUndefined();
		expect(resetWaitMs(resetIn(-1_000), now)).toBeUndefined();
		expect(resetWaitMs(answer(429), now)).toBeUndefined();
		expect(
			resetWaitMs(answer(503, { 'x-rate-limit-reset-at-utc': new Date(now + 5_000).toISOString() }), now),
		).toBeUndefined();
	});
});
