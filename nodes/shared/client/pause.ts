import { sleep } from 'n8n-workflow';

/**
 * Waits through n8n's sleep, ending early when the execution is cancelled (callers read the
 * signal next). n8n 1.x's sleep takes no signal and waits the time out.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	// n8n's sleep only rejects when the signal aborts.
	if (ms > 0) await sleep(ms, signal).catch(() => undefined);
}

/** Lets the event loop turn once (through n8n's sleep), so pending socket work runs first. */
export async function nextTurn(): Promise<void> {
	await sleep(0);
}

/** How a piece of work given a time limit ended: its value, or the limit or a cancel first. */
type Timed<T> = { value: T } | 'expired' | 'cancelled';

/**
 * Waits for `work` at most `ms` (through n8n's sleep), or until the signal aborts. The work is not
 * stopped: a caller that gets 'expired' or 'cancelled' ends it itself (destroys its stream). A
 * rejection of the work is passed on; one after the limit is ignored.
 */
export async function withinTime<T>(
	work: Promise<T>,
	ms: number,
	signal?: AbortSignal,
): Promise<Timed<T>> {
	const over = new AbortController();
	const stop = () => over.abort();
	signal?.addEventListener('abort', stop, { once: true });
	const limit = sleep(Math.max(0, ms), over.signal).then(
		() => 'expired' as const,
		() => 'cancelled' as const,
	);
	work.catch(() => undefined);
	try {
		return await Promise.race([work.then((value) => ({ value })), limit]);
	} finally {
		signal?.removeEventListener('abort', stop);
		over.abort();
	}
}
