import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../values';
import { Deadline } from './deadline';
import {
	isSuccess,
	parseBody,
	readErrorText,
	readRemainingCredits,
	statusOutputOf,
	type StatusOutput,
} from './outcome';
import type { ApiOutcome } from './request';
import type { SegmindClient } from './SegmindClient';

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
	/** The whole result as Segmind answered it (a completed request only). */
	result?: IDataObject;
	/** Set when the model answered FAILED, or a submit's 2xx carried no request id. */
	failure?: QueueFailure;
}

export const MODEL_FAILED = 'The model failed to answer';

export const PIXELFLOW_FAILED = 'The PixelFlow failed';

export const NO_REQUEST_ID = 'The answer carried no request id';

/** The status fields of a queued request's output item: its HTTP status, or the queue's verdict. */
export function queuedStatus({ outcome, remainingCredits, failure }: QueuedResult): StatusOutput {
	const fields = statusOutputOf(outcome, remainingCredits);
	if (!failure) return fields;
	return { ...fields, success: false, ...failure };
}

/** A queue of Segmind's: where requests are submitted, polled and (when it has one) fetched. */
export interface QueueRoutes {
	submit: string;
	status: (requestId: string) => string;
	/** The full result, when the status poll does not carry it. */
	result?: (requestId: string) => string;
	/** What a FAILED answer says: its status message, and the body key of its text (`error`, `error_message`). */
	failed: { statusMessage: string; errorKey: string };
}

/**
 * Submits a request to a Segmind queue and collects its answer. The submit may be billed, so it
 * is paced and retried as a sync request is; the polls and the result fetch are unbilled reads,
 * retried until the deadline, and never cause a second submit. The timeout runs from the submit
 * to the end of the fetch. Resolves undefined when the run stops or is cancelled.
 */
export async function submitAndCollect(
	client: SegmindClient,
	routes: QueueRoutes,
	body: IDataObject,
): Promise<QueuedResult | undefined> {
	const deadline = new Deadline(client.settings.timeoutMs);
	const credits = new CreditsSeen();
	const submitted = await client.sendBilled({ method: 'POST', url: routes.submit, body }, deadline);
	if (!submitted) return undefined;
	credits.note(submitted);
	const ended = (failure?: QueueFailure): QueuedResult => ({
		requestId: null,
		remainingCredits: credits.last,
		outcome: submitted,
		...(failure && { failure }),
	});
	if (!isSuccess(submitted)) return ended();
	const requestId = readRequestId(submitted);
	if (requestId === undefined) {
		return ended({
			status: 'http_error',
			statusMessage: NO_REQUEST_ID,
			error: 'The submit was accepted, but its answer has no request_id to poll',
		});
	}
	// A request just submitted is not done yet: the first poll waits an interval.
	return await collect(client, routes, requestId, deadline, credits, true);
}

/**
 * Collects a request submitted earlier (by this node or another run): polls and fetches as
 * submitAndCollect does, with the timeout starting now. Nothing is submitted, so nothing billed.
 */
export async function collectQueued(
	client: SegmindClient,
	routes: QueueRoutes,
	requestId: string,
): Promise<QueuedResult | undefined> {
	const deadline = new Deadline(client.settings.timeoutMs);
	deadline.start();
	return await collect(client, routes, requestId, deadline, new CreditsSeen(), false);
}

async function collect(
	client: SegmindClient,
	routes: QueueRoutes,
	requestId: string,
	deadline: Deadline,
	credits: CreditsSeen,
	waitFirst: boolean,
): Promise<QueuedResult | undefined> {
	const read = async (url: string) => {
		const outcome = await client.sendRead({ method: 'GET', url }, deadline);
		if (outcome) credits.note(outcome);
		return outcome;
	};
	const ended = (outcome: ApiOutcome, result?: IDataObject): QueuedResult => {
		// A fetched result passed the queue's word already: its outcome carries the decoded output,
		// whose own `status` is the model's, not the queue's.
		const failure =
			!result && stateOf(outcome) === 'FAILED' ? modelFailed(outcome, routes) : undefined;
		return {
			requestId,
			remainingCredits: credits.last,
			outcome,
			...(result && { result }),
			...(failure && { failure }),
		};
	};
	let status: ApiOutcome | undefined;
	for (let wait = waitFirst; ; wait = true) {
		if (wait) {
			const waited = await client.waitPollInterval(deadline);
			if (waited !== 'waited') return waited === 'expired' ? ended(deadline.expired()) : undefined;
		}
		status = await read(routes.status(requestId));
		if (!status) return undefined;
		const state = stateOf(status);
		if (state === 'FAILED' || !isSuccess(status)) return ended(status);
		if (state === 'COMPLETED') break;
	}
	const fetched = routes.result ? await read(routes.result(requestId)) : status;
	if (!fetched) return undefined;
	if (stateOf(fetched) === 'FAILED' || !fetched.answered || !isSuccess(fetched))
		return ended(fetched);
	const result = parseBody(fetched.body);
	const answer = isObject(result) ? result : {};
	return ended({ ...fetched, body: parseBody(answer.output) }, answer);
}

/**
 * The queue's word on a request: QUEUED, PROCESSING, COMPLETED or FAILED (any case). FAILED
 * counts on a 2xx or a 422 (Segmind sends both); any other failed answer is read by its code.
 */
function stateOf(outcome: ApiOutcome): string | undefined {
	if (!outcome.answered) return undefined;
	if (!isSuccess(outcome) && outcome.statusCode !== 422) return undefined;
	const body = parseBody(outcome.body);
	return isObject(body) && typeof body.status === 'string' ? body.status.toUpperCase() : undefined;
}

function readRequestId(outcome: ApiOutcome): string | undefined {
	const body = outcome.answered ? parseBody(outcome.body) : undefined;
	const id = isObject(body) ? body.request_id : undefined;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

function modelFailed(outcome: ApiOutcome, routes: QueueRoutes): QueueFailure {
	const body = outcome.answered ? parseBody(outcome.body) : undefined;
	const own = isObject(body) ? body[routes.failed.errorKey] : undefined;
	return {
		status: 'failed',
		statusMessage: routes.failed.statusMessage,
		error: typeof own === 'string' && own !== '' ? own : readErrorText(outcome),
	};
}

/** The last balance any answer reported. */
class CreditsSeen {
	last: number | null = null;

	note(outcome: ApiOutcome): void {
		const credits = outcome.answered ? readRemainingCredits(outcome.headers) : null;
		if (credits !== null) this.last = credits;
	}
}
