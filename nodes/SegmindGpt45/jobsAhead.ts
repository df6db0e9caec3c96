import type { Job, JobSource } from './Job';
import { nextTurn } from './transport/pause';

// How long one turn of the event loop builds jobs before the requests waiting on it go on.
const SLICE_MS = 2;

/**
 * Builds a run's jobs in input order, ahead of the requests: a slice of a few milliseconds per
 * turn of the event loop. The first requests leave at once, and bad input further down is still
 * found early, while few requests have been sent. A request that reaches its job first builds it
 * (and any before it) itself.
 */
export class JobsAhead {
	private readonly built: Array<Job | undefined> = [];

	private builtCount = 0;

	constructor(
		private readonly source: JobSource,
		private readonly onBuilt: (job: Job) => void,
	) {}

	/** The job at `index`, handed out once (the caller holds it from then on). */
	take(index: number): Job {
		while (this.builtCount <= index) this.buildNext();
		const job = this.built[index] as Job;
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
