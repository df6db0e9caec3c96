import type { ApiOutcome } from '../transport/ApiOutcome';

/** Why a queued request failed where its HTTP status does not say so. */
export interface QueueFailure {
	status: 'failed' | 'http_error';
	statusMessage: string;
	error: string;
}

/** What a queued request came to, from its submit to its result. */
export interface QueuedResult {
	/** null when no submit was accepted. */
	requestId: string | null;
	/** The last x-remaining-credits seen across the submit, polls and fetch. */
	remainingCredits: number | null;
	/**
	 * The request that ended it. For a completed request, the result fetch, with the provider's
	 * answer (decoded from `output`) as its body; else the failed submit, poll or fetch.
	 */
	outcome: ApiOutcome;
	/** Set when the model answered FAILED, or a submit's 2xx carried no request id. */
	failure?: QueueFailure;
}

export const MODEL_FAILED = 'The model failed to answer';

export const NO_REQUEST_ID = 'The answer carried no request id';
