// Reads the emulator's request log: what each node sent, how many were in flight, and how
// requests fell into rate-limit windows.
import type { RequestKind, RequestLogEntry } from '../emulator/server';

/** The log entries sent with one key (the bench gives each node a key of its own). */
export const sentWith = (log: RequestLogEntry[], keyLabel: string) =>
	log.filter((entry) => entry.keyLabel === keyLabel);

/** Throws unless exactly `count` requests were answered, all with 200. */
export function expectAllAnswered(entries: RequestLogEntry[], count: number, who: string): void {
	const ok = entries.filter((entry) => entry.outcome === 'answered' && entry.status === 200);
	if (entries.length !== count || ok.length !== count) {
		const statuses = entries.map((entry) => entry.status ?? entry.outcome);
		const seen = [...new Set(statuses)].join(', ') || 'none';
		throw new Error(
			`${who}: expected ${count} requests answered 200, the emulator saw ${entries.length} (${ok.length} ok; statuses: ${seen})`,
		);
	}
}

/** The most of these spans (start, end in epoch ms) that were open at one moment. */
function mostAtOnce(spans: Array<[number, number]>): number {
	// At equal times an end counts before a start: the slot is free again.
	const events = spans.flatMap(([start, end]) => [
		{ at: start, change: 1 },
		{ at: end, change: -1 },
	]);
	events.sort((a, b) => a.at - b.at || a.change - b.change);
	let current = 0;
	let most = 0;
	for (const { change } of events) {
		current += change;
		most = Math.max(most, current);
	}
	return most;
}

const endOf = (entry: RequestLogEntry) => entry.answeredAt ?? entry.closedAt ?? Infinity;

/** The most requests the emulator held at once (received, not yet answered). */
export const maxInFlight = (entries: RequestLogEntry[]) =>
	mostAtOnce(entries.map((entry) => [entry.receivedAt, endOf(entry)]));

/** The most queued requests in progress at once: from the submit's arrival to the result's answer. */
export function maxQueuedInFlight(entries: RequestLogEntry[]): number {
	const fetched = new Map(
		entries
			.filter((entry) => entry.kind === 'result' && entry.status === 200)
			.map((entry) => [entry.requestId, endOf(entry)]),
	);
	return mostAtOnce(
		entries
			.filter((entry) => entry.kind === 'submit')
			.map((entry) => [entry.receivedAt, fetched.get(entry.requestId) ?? Infinity]),
	);
}

/** The most requests received in any window of `windowMs`, as the emulator's limiter counts them. */
export function maxInWindow(receivedAt: number[], windowMs: number): number {
	const times = [...receivedAt].sort((a, b) => a - b);
	let most = 0;
	let first = 0;
	for (let last = 0; last < times.length; last++) {
		while (times[first] <= times[last] - windowMs) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

/**
 * The shortest time in which `count` consecutive requests arrived, and the 0-based index of the
 * first of them: a limit of `count - 1` per window is broken when this is under the window.
 */
export function tightestSpan(receivedAt: number[], count: number): { ms: number; from: number } {
	const times = [...receivedAt].sort((a, b) => a - b);
	let tightest = { ms: Infinity, from: -1 };
	for (let first = 0; first + count - 1 < times.length; first++) {
		const ms = times[first + count - 1] - times[first];
		if (ms < tightest.ms) tightest = { ms, from: first };
	}
	return tightest;
}

/** How many requests of each kind (v1 chat; v2 submit, status poll, result fetch) were sent. */
export function countByKind(entries: RequestLogEntry[]): Partial<Record<RequestKind, number>> {
	const counts: Partial<Record<RequestKind, number>> = {};
	for (const { kind } of entries) counts[kind] = (counts[kind] ?? 0) + 1;
	return counts;
}

/** Throws unless every request was answered 200 (a poll or fetch may be repeated, a submit not). */
export function expectAllOk(entries: RequestLogEntry[], who: string): void {
	const failed = entries.filter((entry) => entry.outcome !== 'answered' || entry.status !== 200);
	if (failed.length > 0) {
		const seen = failed.map((entry) => `${entry.kind} ${entry.status ?? entry.outcome}`);
		throw new Error(
			`${who}: ${failed.length} requests not answered 200 (${[...new Set(seen)].join(', ')})`,
		);
	}
}
