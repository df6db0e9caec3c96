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
