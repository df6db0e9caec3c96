// What the emulator's log says about a shared plan's use: how many chat requests were billed
// (answered 200), how many were turned away (429), whether any request content was billed
// twice or sent again for another reason than a 429, and the most 200s any window held.
import type { RequestLogEntry } from '../../emulator/server';

export interface PlanUsage {
	/** Chat requests sent with the plan's key. */
	requests: number;
	/** Answered 200: billed. */
	billed: number;
	/** Answered 429: turned away by the rate limit, not billed. */
	rateLimited: number;
	/** Count per other status ('pending' for one never answered). */
	otherStatuses: Record<string, number>;
	/** Contents answered 200 more than once: billed twice. */
	billedTwice: string[];
	/** Contents sent again after an answer other than 429. */
	repeatedForOtherReasons: string[];
	/** Contents never answered 200. */
	neverBilled: string[];
	/** The most 200s whose arrival fell within one span of `spanMs`. */
	busiestSpan: number;
}

/** The last user message's content: each item of a proof run asks something of its own. */
function contentOf(entry: RequestLogEntry): string {
	const messages = (entry.body as { messages?: Array<{ content?: unknown }> } | null)?.messages;
	return String(messages?.[messages.length - 1]?.content);
}

/** The most of `times` (sorted) within any half-open span of `spanMs`. */
function mostWithin(times: number[], spanMs: number): number {
	let most = 0;
	let first = 0;
	for (let last = 0; last < times.length; last++) {
		while (times[last] - times[first] >= spanMs) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

/**
 * Reads the chat requests the key labelled `keyLabel` sent. The emulator admits a request a
 * moment after it arrives (once its body is read) and keeps at most its limit of admissions in
 * any window; the log has arrival times, so the busiest span is measured over `spanMs`, a
 * little less than the window, to allow for that moment.
 */
export function planUsage(log: RequestLogEntry[], keyLabel: string, spanMs: number): PlanUsage {
	const chats = log.filter(
		(entry) =>
			entry.keyLabel === keyLabel &&
			entry.path.startsWith('/v1/') &&
			entry.path !== '/v1/get-user-credits',
	);
	const byContent = new Map<string, RequestLogEntry[]>();
	const otherStatuses: Record<string, number> = {};
	for (const entry of chats) {
		const content = contentOf(entry);
		const sent = byContent.get(content) ?? [];
		sent.push(entry);
		byContent.set(content, sent);
		if (entry.status !== 200 && entry.status !== 429) {
			const status = String(entry.status ?? entry.outcome);
			otherStatuses[status] = (otherStatuses[status] ?? 0) + 1;
		}
	}
	const billedTwice: string[] = [];
	const repeatedForOtherReasons: string[] = [];
	const neverBilled: string[] = [];
	for (const [content, entries] of byContent) {
		const statuses = entries.sort((a, b) => a.seq - b.seq).map((entry) => entry.status);
		const billed = statuses.filter((status) => status === 200).length;
		if (billed > 1) billedTwice.push(content);
		if (billed === 0) neverBilled.push(content);
		if (statuses.slice(0, -1).some((status) => status !== 429))
			repeatedForOtherReasons.push(content);
	}
	const billedTimes = chats
		.filter((entry) => entry.status === 200)
		.map((entry) => entry.receivedAt)
		.sort((a, b) => a - b);
	return {
		requests: chats.length,
		billed: billedTimes.length,
		rateLimited: chats.filter((entry) => entry.status === 429).length,
		otherStatuses,
		billedTwice,
		repeatedForOtherReasons,
		neverBilled,
		busiestSpan: mostWithin(billedTimes, spanMs),
	};
}
