import type { ICredentialsDecrypted } from 'n8n-workflow';

import type { ApiOutcome } from './ApiOutcome';
import type { Deadline } from './deadline';
import { pause } from '../scheduling/pause';
import { sendRequest, type ApiRequest, type RequestContext } from './request';
import { UnbilledRetries } from './unbilledRetries';

export interface UnbilledSettings {
	credential: ICredentialsDecrypted;
	/** The shortest wait before reading again (the poll interval). */
	retryFloorMs: number;
	/** Whether the run is ending (cancelled, or failing): no further attempt starts then. */
	stopping: () => boolean;
}

/**
 * Sends an unbilled GET, unpaced, retried as UnbilledRetries allows until the deadline, which
 * then gives the outcome: a timeout.
 * Resolves undefined when the run stops before an attempt, or is cancelled during one.
 */
export async function sendUnbilled(
	context: RequestContext,
	request: ApiRequest,
	deadline: Deadline,
	{ credential, retryFloorMs, stopping }: UnbilledSettings,
): Promise<ApiOutcome | undefined> {
	const signal = context.getExecutionCancelSignal();
	const retries = new UnbilledRetries(retryFloorMs);
	for (;;) {
		if (stopping()) return undefined;
		const attemptMs = deadline.remainingMs();
		if (attemptMs <= 0) return deadline.expired();
		const outcome = await sendRequest(context, request, attemptMs, credential);
		if (signal?.aborted) return undefined;
		const waitMs = retries.nextWaitMs(outcome);
		if (waitMs === undefined) return outcome;
		// The backoff may outgrow the time left: the last read still starts a poll interval before
		// the deadline, so the item ends at its timeout, not a long backoff earlier.
		const lastStartMs = deadline.remainingMs() - retryFloorMs;
		if (lastStartMs <= 0) return deadline.expired();
		await pause(Math.min(waitMs, lastStartMs), signal);
		if (signal?.aborted) return undefined;
	}
}
