import type { IExecuteFunctions } from 'n8n-workflow';

export interface RunSettings {
	apiErrors: 'output' | 'throw';
	timeoutMs: number;
	maxRetries: number;
	rateLimitWaitMs: number;
	concurrency: number;
	requestsPerMinute: number;
	/** Between polls of a queued request. */
	pollIntervalMs: number;
}

// Polling faster than this only adds requests: Segmind's own client polls every second.
const MIN_POLL_INTERVAL_MS = 250;

const wholeAtLeast = (value: unknown, minimum: number, fallback: number) =>
	typeof value === 'number' && Number.isFinite(value)
		? Math.max(minimum, Math.floor(value))
		: fallback;

/** The options that shape the whole run, read once (from the first item). */
export function readRunSettings(context: IExecuteFunctions): RunSettings {
	const options = context.getNodeParameter('options', 0, {}) as Partial<Record<string, unknown>>;
	return {
		apiErrors: options.apiErrors === 'throw' ? 'throw' : 'output',
		timeoutMs: wholeAtLeast(options.timeout, 1, 120_000),
		maxRetries: Math.min(wholeAtLeast(options.maxRetries, 0, 2), 10),
		rateLimitWaitMs: wholeAtLeast(options.rateLimitWait, 0, 120_000),
		concurrency: wholeAtLeast(options.concurrency, 1, 5),
		requestsPerMinute:
			typeof options.requestsPerMinute === 'number' && options.requestsPerMinute > 0
				? options.requestsPerMinute
				: 0,
		pollIntervalMs: wholeAtLeast(options.pollInterval, MIN_POLL_INTERVAL_MS, 1000),
	};
}
