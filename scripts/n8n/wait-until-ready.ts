// Waiting for a started server to serve: n8n, and the Redis and Postgres of the queue-mode stack.
import type { ChildProcess } from 'child_process';
import { setTimeout as delay } from 'timers/promises';

/** A started process that will not become ready; the message says why. */
export class ProcessNotReady extends Error {}

/**
 * Resolves once `isReady()` says yes; rejects with ProcessNotReady when `child` exits first or
 * `timeoutMs` passes, and with the signal's reason when it aborts.
 */
export async function waitUntilReady(
	child: ChildProcess,
	isReady: () => Promise<boolean>,
	timeoutMs: number,
	signal?: AbortSignal,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await isReady())) {
		signal?.throwIfAborted();
		if (child.exitCode !== null || child.signalCode !== null)
			throw new ProcessNotReady(
				`exited (${child.exitCode ?? child.signalCode}) before it was ready`,
			);
		if (Date.now() > deadline)
			throw new ProcessNotReady(`was not ready within ${timeoutMs / 1000} s`);
		await delay(250);
	}
}
