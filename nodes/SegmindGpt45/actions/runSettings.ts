import type { IExecuteFunctions } from 'n8n-workflow';

import {
	readTransportOptions,
	wholeAtLeast,
	type TransportOptions,
} from '../../shared/options/transportOptions';
import { readPollInterval } from '../../shared/options/queueOptions';

export interface RunSettings extends TransportOptions {
	apiErrors: 'output' | 'throw';
	concurrency: number;
	requestsPerMinute: number;
	/** Between polls of a queued request. */
	pollIntervalMs: number;
}

/** The options that shape the whole run, read once (from the first item). */
export function readRunSettings(context: IExecuteFunctions): RunSettings {
	const options = context.getNodeParameter('options', 0, {}) as Partial<Record<string, unknown>>;
	return {
		apiErrors: options.apiErrors === 'throw' ? 'throw' : 'output',
		...readTransportOptions(options),
		concurrency: wholeAtLeast(options.concurrency, 1, 5),
		requestsPerMinute:
			typeof options.requestsPerMinute === 'number' && options.requestsPerMinute > 0
				? options.requestsPerMinute
				: 0,
		pollIntervalMs: readPollInterval(options),
	};
}
