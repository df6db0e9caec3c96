import type { INodeProperties } from 'n8n-workflow';

// The options of the request transport, which both nodes have: how long to wait for an answer and
// what may be sent again.

export const maxRetriesOption: INodeProperties = {
	displayName: 'Max Retries',
	name: 'maxRetries',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 10 },
	default: 2,
	description:
		'Retries after a 5xx or a refused connection, with exponential backoff (429s have Max Wait on Rate Limits instead). A timed-out request is never re-sent: the API may already have billed it.',
};

export const rateLimitWaitOption: INodeProperties = {
	displayName: 'Max Wait on Rate Limits',
	name: 'rateLimitWait',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 120000,
	description:
		'Milliseconds one item may wait in all on 429 answers (never billed), retrying at the reset time Segmind names. Executions and workers sharing one plan wait their turn instead of failing. 0 gives up on the first 429.',
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 120000,
	description: 'Milliseconds to wait for each answer before giving up on it',
};

/** The transport's settings, read from an Options collection (out-of-range values clamped). */
export interface TransportOptions {
	timeoutMs: number;
	maxRetries: number;
	/** The most one request may wait on 429s in all. */
	rateLimitWaitMs: number;
}

/** A whole number of at least `minimum`; the fallback for anything that is not a number. */
export const wholeAtLeast = (value: unknown, minimum: number, fallback: number) =>
	typeof value === 'number' && Number.isFinite(value)
		? Math.max(minimum, Math.floor(value))
		: fallback;

export function readTransportOptions(options: Partial<Record<string, unknown>>): TransportOptions {
	return {
		timeoutMs: wholeAtLeast(options.timeout, 1, 120_000),
		maxRetries: Math.min(wholeAtLeast(options.maxRetries, 0, 2), 10),
		rateLimitWaitMs: wholeAtLeast(options.rateLimitWait, 0, 120_000),
	};
}
