import type { ICredentialsDecrypted } from 'n8n-workflow';

import type { Deadline } from './deadline';
import type { ApiOutcome } from './outcome';
import type { Pacer } from './pacer';
import { pause } from './pause';
import { cancelSignalOf, sendRequest, type ApiRequest, type RequestContext } from './request';
import type { RetryPolicy } from './retryPolicy';

/** How one request is sent: its retry policy, its time limit, and whether it waits for a pace slot. */
export interface SendPlan {
	policy: RetryPolicy;
	/** A time limit shared by several requests, else `timeoutMs` for each attempt. */
	deadline?: Deadline;
	timeoutMs: number;
	/** Requests that may be billed wait their slot; reads go at once. */
	pacer?: Pacer;
	credential: ICredentialsDecrypted;
	/** Whether the run is ending (cancelled, or failing): no further attempt starts then. */
	stopping: () => boolean;
}

/**
 * Sends a request, again as its policy allows. With a deadline the first attempt starts it, each
 * attempt gets what is left, and running out is the whole deadline's timeout. Resolves undefined
 * when the run stops before an attempt, or is cancelled during one or during a wait.
 */
export async function sendWithRetries(
	context: RequestContext,
	request: ApiRequest,
	{ policy, deadline, timeoutMs, pacer, credential, stopping }: SendPlan,
): Promise<ApiOutcome | undefined> {
	const signal = cancelSignalOf(context);
	for (;;) {
		await pacer?.nextSlot(signal);
		if (stopping()) return undefined;
		deadline?.start();
		const attemptMs = deadline ? deadline.remainingMs() : timeoutMs;
		if (deadline && attemptMs <= 0) return deadline.expired();
		const outcome = await sendRequest(context, request, attemptMs, credential);
		if (signal?.aborted) return undefined;
		if (deadline && !outcome.answered && outcome.kind === 'timeout') return deadline.expired();
		let waitMs = policy.nextWaitMs(outcome);
		if (waitMs === undefined) return outcome;
		if (deadline) {
			// The wait may outgrow the time left: the last attempt still starts `minWaitMs` before the
			// deadline, so the item ends at its timeout, not a long backoff earlier.
			const lastStartMs = deadline.remainingMs() - policy.minWaitMs;
			if (lastStartMs <= 0) return deadline.expired();
			waitMs = Math.min(waitMs, lastStartMs);
		}
		await pause(waitMs, signal);
		if (signal?.aborted) return undefined;
	}
}
