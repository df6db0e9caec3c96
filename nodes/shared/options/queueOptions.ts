import type { INodeProperties } from 'n8n-workflow';

import { wholeAtLeast } from './transportOptions';

// Polling faster than this only adds requests: Segmind's own client polls every second.
const MIN_POLL_INTERVAL_MS = 250;

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

/** The poll interval an Options collection asks for, raised to 250 ms; 1000 ms when unset. */
export const readPollInterval = (options: Partial<Record<string, unknown>>): number =>
	wholeAtLeast(options.pollInterval, MIN_POLL_INTERVAL_MS, 1000);
