import type { INodeProperties } from 'n8n-workflow';

import {
	maxRetriesOption,
	rateLimitWaitOption,
	timeoutOption,
} from '../../shared/options/transportOptions';

// Options of every operation that sends requests: what a failure does, and how requests are paced
// (the transport's own, which the chat model shares, come from shared/options).
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

/** The options every operation that sends requests has. */
export const requestOptions: INodeProperties[] = [
	apiErrorsOption,
	concurrencyOption,
	maxRetriesOption,
	rateLimitWaitOption,
	requestsPerMinuteOption,
	timeoutOption,
];
