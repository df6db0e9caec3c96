import { timedOut, type NoAnswer } from './request';

/**
 * A timeout that spans several requests (a queued request's submit, polls and result fetch):
 * it starts with the first request, and each request gets what is left of it.
 */
export class Deadline {
	private endsAt: number | undefined;

	constructor(readonly timeoutMs: number) {}

	/** Starts the clock; later calls keep the first start. */
	start(now: number = Date.now()): void {
		this.endsAt ??= now + this.timeoutMs;
	}

	/** Milliseconds left (the whole timeout before the start); 0 once passed. */
	remainingMs(now: number = Date.now()): number {
		return this.endsAt === undefined ? this.timeoutMs : Math.max(0, this.endsAt - now);
	}

	/** The outcome of a request whose time ran out, naming the whole timeout. */
	expired(): NoAnswer {
		return timedOut(this.timeoutMs);
	}
}
