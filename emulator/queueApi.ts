// Segmind's queue (v2): POST /v2/{slug} submits, GET /v2/requests/{id}/status polls,
// GET /v2/requests/{id} fetches the result (the provider's JSON as a string in `output`).
import type { Account } from './accounts';
import { checkChat, faultPlan, type ChatContext } from './chat';
import { QUEUE_DIRECTIVES, type FaultPicker } from './faults';
import { isPlan, json, jsonError, methodNotAllowed, unauthorized, type Plan } from './plan';
import type { QueuedRequest, RequestQueue, Submission } from './queue';
import type { Directive, QueuedRecord } from './types';

const queueDirective = (fault: Directive | undefined) =>
	QUEUE_DIRECTIVES.find((directive) => directive === fault);

/** POST /v2/{slug}: the same checks and submit faults as /v1, then queued (not billed yet). */
export function planSubmit(
	ctx: ChatContext,
	queue: RequestQueue,
	origin: string,
): Plan & { requestId?: string } {
	const checked = checkChat(ctx);
	if (isPlan(checked)) return checked;
	const { account, fault, reply } = checked;
	return enqueue(
		queue,
		{
			slug: ctx.slug,
			account,
			submitSeq: ctx.seq,
			result: () => ({ output: JSON.stringify(reply) }),
		},
		fault,
		ctx,
		v2Submitted(origin),
	);
}

/** A v2 submit's answer: the request's id and where to poll and fetch it. */
export const v2Submitted = (origin: string) => (requestId: string) => ({
	request_id: requestId,
	status: 'QUEUED',
	poll_url: `${origin}/v1/requests/${requestId}`,
	status_url: `${origin}/v2/requests/${requestId}/status`,
	response_url: `${origin}/v2/requests/${requestId}`,
});

/**
 * Queues a submission that passed its checks and answers the submit with `submitted`. The
 * submit's own faults: `malformed` answers broken JSON and queues nothing, `slow` answers late,
 * and a poll or fetch directive goes with the request to its first poll or fetch.
 */
export function enqueue(
	queue: RequestQueue,
	submission: Omit<Submission, 'directive'>,
	fault: Directive | undefined,
	ctx: { now: number; faults: FaultPicker },
	submitted: (requestId: string) => Record<string, unknown>,
): Plan & { requestId?: string } {
	if (fault === 'malformed') {
		return {
			action: 'answer',
			status: 200,
			contentType: 'application/json',
			body: '{"request_',
			fault,
		};
	}
	const { requestId } = queue.add({ ...submission, directive: queueDirective(fault) }, ctx.now);
	return {
		...json(200, submitted(requestId)),
		fault,
		extraDelayMs: fault === 'slow' ? ctx.faults.slowMs : undefined,
		requestId,
	};
}

export interface LookupContext {
	method: string;
	requestId: string;
	account: Account | undefined;
	keyGiven: boolean;
	now: number;
	queue: RequestQueue;
	/** Random faults of polls and fetches. */
	faults: FaultPicker;
	/** The host the client called: a media result's file URLs use it. */
	origin: string;
}

/**
 * The checks every poll and fetch of a queued request shares, in order: 405, 401, 404, then a
 * fault (the request's directive on its first poll or fetch, else a random one). A request that
 * passes them is answered by `answer`, given its state now.
 */
export function lookUpQueued(
	ctx: LookupContext,
	part: 'status' | 'result',
	answer: (request: QueuedRequest, state: QueuedRecord['state']) => Plan,
): Plan {
	if (ctx.method !== 'GET') return methodNotAllowed();
	if (!ctx.account) return unauthorized(ctx.keyGiven);
	const request = ctx.queue.find(ctx.requestId, ctx.account, ctx.now);
	if (!request) return jsonError(404, `Request ${ctx.requestId} not found`);
	const fault = spendDirective(request, part) ?? ctx.faults.pick();
	const failed = fault && faultPlan(fault, ctx.now);
	if (failed) return failed;
	return answer(request, ctx.queue.stateOf(request, ctx.now));
}

/** GET /v2/requests/{id}/status (`part` status) and GET /v2/requests/{id} (`part` result). */
export const planLookup = (ctx: LookupContext, part: 'status' | 'result'): Plan =>
	lookUpQueued(ctx, part, (request, state) => {
		const base = { request_id: request.requestId, status: state };
		if (state === 'FAILED') return json(422, { ...base, error: request.failedError });
		if (state !== 'COMPLETED') return json(200, { ...base, metrics: {} });
		const metrics = { inference_time: (request.readyAt - request.submittedAt) / 1000 };
		if (part === 'status') return json(200, { ...base, metrics });
		return json(200, { ...base, metrics, ...request.result(ctx.origin) });
	});

/** The fault a directive asks for on the first poll (or first fetch), once. */
function spendDirective(request: QueuedRequest, part: 'status' | 'result'): Directive | undefined {
	const { directive } = request;
	if (part === 'status' && !request.pollFaultSpent && directive?.startsWith('poll-')) {
		request.pollFaultSpent = true;
		return directive === 'poll-reset' ? 'reset' : (directive.slice('poll-'.length) as Directive);
	}
	if (part === 'result' && !request.fetchFaultSpent && directive === 'fetch-reset') {
		request.fetchFaultSpent = true;
		return 'reset';
	}
	return undefined;
}
