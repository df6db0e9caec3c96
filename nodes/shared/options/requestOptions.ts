import type { INodeProperties } from 'n8n-workflow';

// The options of every operation that sends requests: what a failure does, how long to wait for
// an answer, what may be sent again, and how requests are paced. Each node shows the ones that
// apply; their defaults are the fallbacks a run uses (readRunSettings, in the pipeline).

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

export const apiErrorsOption: INodeProperties = {
	displayName: 'API Errors',
	name: 'apiErrors',
	type: 'options',
	options: [
		{
			name: 'Return as Output Fields',
			value: 'output',
			description:
				'A failed request becomes an item with success false and its status, to branch on',
		},
		{
			name: 'Stop With an Error',
			value: 'throw',
			description: "A failed request raises an error (n8n's On Error setting then applies)",
		},
	],
	default: 'output',
	description: 'What a non-2xx answer or a failed connection does',
};

export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 5,
	description: 'How many requests are in flight at once across the input items',
};

export const requestsPerMinuteOption: INodeProperties = {
	displayName: 'Requests per Minute',
	name: 'requestsPerMinute',
	type: 'number',
	typeOptions: { minValue: 0 },
	default: 0,
	description:
		"Pace requests to your plan's limit (Segmind Free: 5, Pro: 50), retries included. 0 means no limit.",
};

// Polling faster than this only adds requests: Segmind's own client polls every second.
export const MIN_POLL_INTERVAL_MS = 250;

/** One request that waits for the answer, or Segmind's queue (both nodes have it). */
export const requestModeOption: INodeProperties = {
	displayName: 'Request Mode',
	name: 'requestMode',
	type: 'options',
	options: [
		{
			name: 'Wait on One Request (V1)',
			value: 'sync',
			description: 'POST /v1/{model} and wait for the answer on the same connection',
		},
		{
			name: 'Submit and Poll (V2)',
			value: 'queue',
			description:
				'POST /v2/{model}, then poll until the answer is ready: for answers that take over ~10 s. A timed-out answer stays collectable for an hour with Get Queued Result.',
		},
	],
	default: 'sync',
	description: 'How the request reaches the model',
};

export const pollIntervalOption: INodeProperties = {
	displayName: 'Poll Interval',
	name: 'pollInterval',
	type: 'number',
	typeOptions: { minValue: 250 },
	default: 1000,
	description:
		'Milliseconds between status polls of a queued request (unbilled GETs; values under 250 are raised to 250)',
};

/** The options every operation that sends requests has. */
export const requestOptions: INodeProperties[] = [
	apiErrorsOption,
	concurrencyOption,
	maxRetriesOption,
	rateLimitWaitOption,
	requestsPerMinuteOption,
	timeoutOption,
];
