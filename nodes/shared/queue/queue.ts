import type { IDataObject } from 'n8n-workflow';

import { pause } from '../scheduling/pause';
import { isObject } from '../values';
import type { ApiOutcome } from '../transport/ApiOutcome';
import { Deadline } from '../transport/deadline';
import { parseBody, readErrorText, readRemainingCredits } from '../transport/readOutcome';
import type { RequestContext } from '../transport/request';
import { sendUnbilled } from '../transport/sendUnbilled';
import { sendWithRetries, type TransportSettings } from '../transport/sendWithRetries';
import { decodeOutput } from './decodeOutput';
import { MODEL_FAILED, NO_REQUEST_ID, type QueueFailure, type QueuedResult } from './QueuedResult';
import { queueUrls } from './queueUrls';

export interface QueueSettings extends TransportSettings {
	/** Between polls (at least 250 ms, see readRunSettings). */
	pollIntervalMs: number;
}

/** A request for Segmind's queue: the body goes to {root}/v2/{model}. */
export interface QueueSubmit {
	root: string;
	model: string;
	body: IDataObject;
}

/** A request already in the queue, to collect. */
export interface QueueLookup {
	root: string;
	requestId: string;
}

/**
 * Submits a request to Segmind's queue and collects its answer. The submit may be billed, so it
 * is paced and retried as a sync request is; the polls and the result fetch are unbilled GETs,
 * retried until the deadline, and never cause a second submit. `timeoutMs` runs from the submit
 * to the end of the fetch. Resolves undefined when the run stops or is cancelled.
 */
export async function submitAndCollect(
	context: RequestContext,
	{ root, model, body }: QueueSubmit,
	settings: QueueSettings,
): Promise<QueuedResult | undefined> {
	const deadline = new Deadline(settings.timeoutMs);
	const credits = new CreditsSeen();
	const request = { method: 'POST' as const, url: queueUrls(root).submit(model), body };
	const submitted = await sendWithRetries(context, request, settings, deadline);
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
	return await collect(context, { root, requestId }, settings, deadline, credits, true);
}

/**
 * Collects a request submitted earlier (by this node or another run): polls and fetches as
 * submitAndCollect does, with the timeout starting now. Nothing is submitted, so nothing billed.
 */
export async function collectQueued(
	context: RequestContext,
	lookup: QueueLookup,
	settings: QueueSettings,
): Promise<QueuedResult | undefined> {
	const deadline = new Deadline(settings.timeoutMs);
	deadline.start();
	return await collect(context, lookup, settings, deadline, new CreditsSeen(), false);
}

async function collect(
	context: RequestContext,
	{ root, requestId }: QueueLookup,
	{ pollIntervalMs, credential, stopping }: QueueSettings,
	deadline: Deadline,
	credits: CreditsSeen,
	waitFirst: boolean,
): Promise<QueuedResult | undefined> {
	const signal = context.getExecutionCancelSignal();
	const urls = queueUrls(root);
	const unbilled = { credential, retryFloorMs: pollIntervalMs, stopping };
	const read = async (url: string) =>
		await sendUnbilled(context, { method: 'GET', url }, deadline, unbilled);
	const ended = (outcome: ApiOutcome, failure?: QueueFailure): QueuedResult => ({
		requestId,
		remainingCredits: credits.last,
		outcome,
		...(failure && { failure }),
	});
	for (let wait = waitFirst; ; wait = true) {
		if (wait) {
			if (pollIntervalMs >= deadline.remainingMs()) return ended(deadline.expired());
			await pause(pollIntervalMs, signal);
			if (signal?.aborted) return undefined;
		}
		const status = await read(urls.status(requestId));
		if (!status) return undefined;
		credits.note(status);
		if (stateOf(status) === 'FAILED') return ended(status, modelFailed(status));
		if (!isSuccess(status)) return ended(status);
		if (stateOf(status) === 'COMPLETED') break;
	}
	const result = await read(urls.result(requestId));
	if (!result) return undefined;
	credits.note(result);
	if (stateOf(result) === 'FAILED') return ended(result, modelFailed(result));
	if (!result.answered || !isSuccess(result)) return ended(result);
	const answer = parseBody(result.body);
	return ended({ ...result, body: decodeOutput(isObject(answer) ? answer.output : undefined) });
}

const isSuccess = (outcome: ApiOutcome) =>
	outcome.answered && outcome.statusCode >= 200 && outcome.statusCode < 300;

/**
 * The queue's word on a request: QUEUED, PROCESSING, COMPLETED or FAILED. FAILED counts on a
 * 2xx or a 422 (Segmind sends both); any other failed answer is read by its status code.
 */
function stateOf(outcome: ApiOutcome): string | undefined {
	if (!outcome.answered) return undefined;
	if (!isSuccess(outcome) && outcome.statusCode !== 422) return undefined;
	const body = parseBody(outcome.body);
	return isObject(body) && typeof body.status === 'string' ? body.status : undefined;
}

function readRequestId(outcome: ApiOutcome): string | undefined {
	const body = outcome.answered ? parseBody(outcome.body) : undefined;
	const id = isObject(body) ? body.request_id : undefined;
	return typeof id === 'string' && id !== '' ? id : undefined;
}

const modelFailed = (outcome: ApiOutcome): QueueFailure => ({
	status: 'failed',
	statusMessage: MODEL_FAILED,
	error: readErrorText(outcome),
});

/** The last balance any answer reported. */
class CreditsSeen {
	last: number | null = null;

	note(outcome: ApiOutcome): void {
		const credits = outcome.answered ? readRemainingCredits(outcome.headers) : null;
		if (credits !== null) this.last = credits;
	}
}
