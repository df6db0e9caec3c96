import type { INodeProperties } from 'n8n-workflow';

import type { ClientSettings } from '../client';
import { MIN_POLL_INTERVAL_MS } from './requestOptions';

/** The options that shape a whole run, read once (from the first item). */
export interface RunSettings extends ClientSettings {
	apiErrors: 'output' | 'throw';
	concurrency: number;
}

/** A whole number of at least `minimum`; the fallback for anything that is not a number. */
export const wholeAtLeast = (value: unknown, minimum: number, fallback: number) =>
	typeof value === 'number' && Number.isFinite(value)
		? Math.max(minimum, Math.floor(value))
		: fallback;

/**
 * The run's settings from an Options collection's values (out-of-range values clamped). An unset
 * option takes the default its definition shows, so each operation's defaults live in one place.
 */
export function readRunSettings(
	values: Partial<Record<string, unknown>>,
	definitions: INodeProperties[],
): RunSettings {
	const shown = (name: string, fallback: number) => {
		const value = definitions.find((option) => option.name === name)?.default;
		return typeof value === 'number' ? value : fallback;
	};
	const number = (name: string, minimum: number, fallback: number) =>
		wholeAtLeast(values[name], minimum, shown(name, fallback));
	const requestsPerMinute = values.requestsPerMinute;
	return {
		apiErrors: values.apiErrors === 'throw' ? 'throw' : 'output',
		timeoutMs: number('timeout', 1, 120_000),
		maxRetries: Math.min(number('maxRetries', 0, 2), 10),
		rateLimitWaitMs: number('rateLimitWait', 0, 120_000),
		pollIntervalMs: number('pollInterval', MIN_POLL_INTERVAL_MS, 1000),
		concurrency: number('concurrency', 1, 5),
		requestsPerMinute:
			typeof requestsPerMinute === 'number' && requestsPerMinute > 0 ? requestsPerMinute : 0,
	};
}
