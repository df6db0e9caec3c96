import { sleep } from 'n8n-workflow';

/**
 * Waits through n8n's sleep, ending early when the execution is cancelled; says whether the
 * execution goes on. n8n 1.x's sleep takes no signal: the signal is read again after the wait.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
	// n8n's sleep only rejects when the signal aborts, which the return value reports.
	if (ms > 0) await sleep(ms, signal).catch(() => undefined);
	return signal?.aborted !== true;
}
