import { nextTurn, pause } from './pause';

// A little slack under the limit, so jitter in when requests arrive never puts one too many
// into a 60-second window.
const SAFETY_MARGIN = 1.01;

/**
 * Starts requests one at a time: spaced evenly under a requests-per-minute limit, and with no
 * limit still one per turn of the event loop. n8n writes a request to its socket a turn after
 * building it, so requests built in the same turn leave together only once all are built; their
 * answers then come back together, and the run would go on in waves.
 */
export class Pacer {
	private readonly intervalMs: number;

	private nextStartAt = 0;

	private previousSlot: Promise<void> = Promise.resolve();

	/** Resolves one turn of the event loop after the last start. */
	private turnAfterLastStart: Promise<void> = Promise.resolve();

	constructor(requestsPerMinute: number) {
		this.intervalMs = requestsPerMinute > 0 ? (60_000 / requestsPerMinute) * SAFETY_MARGIN : 0;
	}

	/** Resolves when the next request may start (every caller gets its own slot), or at once on cancel. */
	async nextSlot(signal?: AbortSignal): Promise<void> {
		const slot = this.previousSlot.then(async () => {
			const now = Date.now();
			const startAt = Math.max(now, this.nextStartAt);
			this.nextStartAt = startAt + this.intervalMs;
			await (startAt > now ? pause(startAt - now, signal) : this.turnAfterLastStart);
			this.turnAfterLastStart = nextTurn();
		});
		this.previousSlot = slot;
		return await slot;
	}
}
