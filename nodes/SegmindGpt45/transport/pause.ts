import { sleep } from 'n8n-workflow';

/**
 * Waits through n8n's sleep, ending early when the execution is cancelled. n8n 1.x's sleep
 * takes no signal, so the signal is checked again once the wait is over.
 */
export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	if (ms > 0) await sleep(ms, signal);
	if (signal?.aborted) throw new ExecutionStopped();
}

export class ExecutionStopped extends Error {
	constructor() {
		super('The execution was cancelled');
		this.name = 'ExecutionStopped';
	}
}
