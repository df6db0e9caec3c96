import type { ICredentialsDecrypted } from 'n8n-workflow';

import type { Deadline } from './deadline';
import type { ApiOutcome } from './outcome';
import type { Pacer } from './pacer';
import { pause } from './pause';
import type { GateTicket, RateLimitGate } from './rateLimitGate';
import { sendRequest, type ApiRequest, type RequestContext } from './request';
import type { RetryPolicy } from './retryPolicy';

/** How one request is sent: its retry policy, its time limit, and whether it waits for a pace slot. */
export interface SendPlan {
	policy: RetryPolicy;
	/** A time limit shared by several requests, else `timeoutMs` for each attempt. */
	deadline?: Deadline;
	timeoutMs: number;
	/** Requests that may be billed wait their slot; reads go at once. */
	pacer?: Pacer;
	/** The plan's gate: billed requests wait out its pauses (within rateLimitWait) and its limit. */
	gate?: RateLimitGate;
	credential: ICredentialsDecrypted;
	/** Whether the run is ending (cancelled, or failing): no further attempt starts then. */
	stopping: () => boolean;
}

/**
 * Sends a request, again as its policy allows. With a deadline the first attempt starts it, each
 * attempt gets what is left, and running out is the whole deadline's timeout. With the plan's
 * gate, each attempt first waits out the plan's pause (as far as the request's rateLimitWait
 * allows) and for a place among the requests in flight, and a 429's wait is that pause. Resolves
 * undefined when the run stops before an attempt, or is cancelled during one or during a wait.
 */
export async function sendWithRetries(
	context: RequestContext,
	request: ApiRequest,
	plan: SendPlan,
): Promise<ApiOutcome | undefined> {
	const { policy, deadline, pacer, gate, credential, stopping } = plan;
	const signal = context.getExecutionCancelSignal();
	// How long this request's own 429 asked it to wait: counted by its policy already.
	let countedMs = 0;
	for (;;) {
		let ticket: GateTicket | undefined;
		if (gate) {
			const passed = await passGate(gate, policy, countedMs, deadline, signal);
			countedMs = 0;
			if (passed === 'cancelled') return undefined;
			if (passed === 'expired') return deadline?.expired();
			ticket = passed;
		}
		await pacer?.nextSlot(signal);
		if (stopping()) {
			if (ticket) gate?.leave(ticket);
			return undefined;
		}
		if (ticket && gate?.pausedSince(ticket)) {
			// Another request met a 429 while this one waited for its slot: it waits the pause too.
			gate.leave(ticket);
			continue;
		}
		deadline?.start();
		const attemptMs = deadline ? deadline.remainingMs() : plan.timeoutMs;
		const outcome =
			deadline && attemptMs <= 0
				? deadline.expired()
				: await sendRequest(context, request, attemptMs, credential);
		if (ticket) gate?.leave(ticket, outcome);
		if (signal?.aborted) return undefined;
		if (deadline && !outcome.answered && outcome.kind === 'timeout') return deadline.expired();
		let waitMs = policy.nextWaitMs(outcome);
		if (waitMs === undefined) return outcome;
		if (gate && outcome.answered && outcome.statusCode === 429) {
			// The plan's pause, which this 429 has set or lengthened, is waited at the next turn.
			countedMs = waitMs;
			continue;
		}
		if (deadline) {
			const lastStartMs = lastStartWithin(deadline, policy);
			if (lastStartMs <= 0) return deadline.expired();
			waitMs = Math.min(waitMs, lastStartMs);
		}
		await pause(waitMs, signal);
		if (signal?.aborted) return undefined;
	}
}

/**
 * A wait may outgrow the time left: the last attempt still starts `minWaitMs` before the
 * deadline, so the item ends at its timeout, not a long backoff earlier.
 */
const lastStartWithin = (deadline: Deadline, policy: RetryPolicy) =>
	deadline.remainingMs() - policy.minWaitMs;

/**
 * Waits out the plan's pause, as far as the request's rateLimitWait allows (`countedMs` of it
 * counted already, for the request's own 429), then for a place among the requests in flight.
 * A request whose rateLimitWait is spent goes without waiting for the pause: its answer decides.
 */
async function passGate(
	gate: RateLimitGate,
	policy: RetryPolicy,
	countedMs: number,
	deadline: Deadline | undefined,
	signal: AbortSignal | undefined,
): Promise<GateTicket | 'cancelled' | 'expired'> {
	let counted = countedMs;
	for (;;) {
		const pauseMs = gate.pauseLeftMs();
		const beyondMs = Math.max(0, pauseMs - counted);
		let waitMs = counted + (beyondMs > 0 ? (policy.spendRateLimitWait?.(beyondMs) ?? 0) : 0);
		counted = 0;
		if (waitMs > 0) {
			if (deadline) {
				const lastStartMs = lastStartWithin(deadline, policy);
				if (lastStartMs <= 0) return 'expired';
				waitMs = Math.min(waitMs, lastStartMs);
			}
			await pause(waitMs, signal);
			if (signal?.aborted) return 'cancelled';
			continue;
		}
		const ticket = gate.tryEnter();
		if (ticket) return ticket;
		await gate.changed(signal);
		if (signal?.aborted) return 'cancelled';
	}
}
