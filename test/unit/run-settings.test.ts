import type { INodeProperties } from 'n8n-workflow';

import { requestOptions, timeoutOption } from '../../nodes/shared/options';
import { readRunSettings } from '../../nodes/shared/pipeline';

const readWith = (values: object, definitions: INodeProperties[] = requestOptions) =>
	readRunSettings(values as Partial<Record<string, unknown>>, definitions);

test('the defaults: output, 120 s, 2 retries, 120 s of waits on 429s, 5 at once, no pace, polls every second', () => {
	expect(readWith({})).toEqual({
		apiErrors: 'output',
		timeoutMs: 120_000,
		maxRetries: 2,
		rateLimitWaitMs: 120_000,
		concurrency: 5,
		requestsPerMinute: 0,
		pollIntervalMs: 1000,
	});
});

test('set values are taken', () => {
	expect(
		readWith(
			{ apiErrors: 'throw', timeout: 500, maxRetries: 0, rateLimitWait: 0, concurrency: 1, requestsPerMinute: 5, pollInterval: 300 },
		),
	).toEqual({ apiErrors: 'throw', timeoutMs: 500, maxRetries: 0, rateLimitWaitMs: 0, concurrency: 1, requestsPerMinute: 5, pollIntervalMs: 300 });
});

test('out-of-range values are brought into range', () => {
	expect(
		readWith({ timeout: 0, maxRetries: -1, rateLimitWait: -1, concurrency: 0, requestsPerMinute: -5, pollInterval: 10 }),
	).toEqual({ apiErrors: 'output', timeoutMs: 1, maxRetries: 0, rateLimitWaitMs: 0, concurrency: 1, requestsPerMinute: 0, pollIntervalMs: 250 });
	expect(readWith({ maxRetries: 2.7, concurrency: 3.9 })).toMatchObject({
		maxRetries: 2,
		concurrency: 3,
	});
});

test("an unset option takes the default its definition shows, so an operation's defaults live in one place", () => {
	const longer = [{ ...timeoutOption, default: 600_000 }];
	expect(readWith({}, longer).timeoutMs).toBe(600_000);
	expect(readWith({ timeout: 5 }, longer).timeoutMs).toBe(5);
	expect(readWith({}, []).timeoutMs).toBe(120_000);
});
