import { nextTurn } from '../client';

// A run's items: built ahead of their requests, and run a few at a time.

// How long one turn of the event loop builds jobs before the requests waiting on it go on.
const SLICE_MS = 2;

/** Jobs built one at a time when asked for (reading an item's parameters evaluates its expressions). */
export interface JobBuilder<T> {
	count: number;
	build: (index: number) => T;
}

/**
 * Builds a run's jobs in input order, ahead of the requests: a slice of a few milliseconds per
 * turn of the event loop. The first requests leave at once, and bad input further down is still
 * found early, while few requests have been sent. A request that reaches its job first builds it
 * (and any before it) itself.
 */
export class ReadAhead<T> {
	private readonly built: Array<T | undefined> = [];

	private builtCount = 0;

	constructor(
		private readonly source: JobBuilder<T>,
		private readonly onBuilt: (job: T) => void,
	) {}

	/** The job at `index`, handed out once (the caller holds it from then on). */
	take(index: number): T {
		while (this.builtCount <= index) this.buildNext();
		const job = this.built[index] as T;
		this.built[index] = undefined;
		return job;
	}

	/** Builds the rest, a slice per turn, until every job is built or `stopped()` says so. */
	async buildAll(stopped: () => boolean): Promise<void> {
		const more = () => this.builtCount < this.source.count && !stopped();
		while (more()) {
			await nextTurn();
			const sliceEnd = Date.now() + SLICE_MS;
			while (more() && Date.now() < sliceEnd) this.buildNext();
		}
	}

	private buildNext() {
		const job = this.source.build(this.builtCount);
		this.built[this.builtCount++] = job;
		this.onBuilt(job);
	}
}

/**
 * Runs work(0 .. count-1) with at most `limit` running at once and returns the results in index
 * order. Once shouldStop() says so, no further work starts; what never ran stays undefined.
 */
export async function runInPool<T>(
	count: number,
	limit: number,
	work: (index: number) => Promise<T>,
	shouldStop: () => boolean = () => false,
): Promise<Array<T | undefined>> {
	const results = new Array<T | undefined>(count);
	let next = 0;
	const worker = async () => {
		while (next < count && !shouldStop()) {
			const index = next++;
			results[index] = await work(index);
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker);
	await Promise.all(workers);
	return results;
}
