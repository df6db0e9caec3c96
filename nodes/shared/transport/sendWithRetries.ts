import type { ICredentialsDecrypted } from 'n8n-workflow';

import type { ApiOutcome } from './ApiOutcome';
import type { Pacer } from '../scheduling/pacer';
import { pause } from '../scheduling/pause';
import { RetryBudget } from './retryPolicy';
import { sendRequest, type ApiRequest, type RequestContext } from './request';

export interface TransportSettings {
	timeoutMs: number;
	maxRetries: number;
	/** The most one request may wait on 429s in all. */
	rateLimitWaitMs: number;
	pacer: Pacer;
	credential: ICredentialsDecrypted;
	/** Whether the run is ending (cancelled, or failing): no further attempt starts then. */
	stopping: () => boolean;
}

/**
 * Sends a request, retrying what the retry policy allows; every attempt waits for its pace slot.
 * Resolves undefined when the run stops before an attempt, or is cancelled during one.
 */
export async function sendWithRetries(
	context: RequestContext,
	request: ApiRequest,
	{ timeoutMs, maxRetries, rateLimitWaitMs, pacer, credential, stopping }: TransportSettings,
): Promise<ApiOutcome | undefined> {
	const signal = context.getExecutionCancelSignal();
	const budget = new RetryBudget(maxRetries, rateLimitWaitMs);
	for (;;) {
		await pacer.nextSlot(signal);
		if (stopping()) return undefined;
		const outcome = await sendRequest(context, request, timeoutMs, credential);
		if (signal?.aborted) return undefined;
		const waitMs = budget.nextWaitMs(outcome);
		if (waitMs === undefined) return outcome;
		await pause(waitMs, signal);
	}
}
