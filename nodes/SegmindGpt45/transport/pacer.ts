import { pause } from './pause';

// A little slack under the limit, so jitter in when requests arrive never puts one too many
// into a 60-second window.
const SAFETY_MARGIN = 1.01;

/** Spaces request starts evenly to stay under a requests-per-minute limit (0: no limit). */
export class Pacer {
	private readonly intervalMs: number;

	private nextStartAt = 0;

	constructor(requestsPerMinute: number) {
		this.intervalMs = requestsPerMinute > 0 ? (60_000 / requestsPerMinute) * SAFETY_MARGIN : 0;
	}

	/** Resolves when the next request may start (every caller gets its own slot): false if cancelled. */
	async nextSlot(signal?: AbortSignal): Promise<boolean> {
		const now = Date.now();
		const startAt = Math.max(now, this.nextStartAt);
		this.nextStartAt = startAt + this.intervalMs;
		return await pause(startAt - now, signal);
	}
}
