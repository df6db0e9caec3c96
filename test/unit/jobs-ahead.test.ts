import { ReadAhead, type JobBuilder } from '../../nodes/shared/pipeline';

type Job = { itemIndex: number };

/** A source of `count` jobs that records which it built, each taking about `costMs` of CPU. */
function recordingSource(count: number, costMs = 0) {
	const built: number[] = [];
	const source: JobBuilder<Job> = {
		count,
		build: (itemIndex): Job => {
			built.push(itemIndex);
			for (const until = performance.now() + costMs; performance.now() < until; );
			return { itemIndex };
		},
	};
	return { source, built };
}

const never = () => false;

test('builds every job once, in input order, whoever gets to it first', async () => {
	const { source, built } = recordingSource(50);
	const seen: number[] = [];
	const jobs = new ReadAhead(source, (job) => seen.push(job.itemIndex));
	expect(jobs.take(3).itemIndex).toBe(3);
	expect(built).toEqual([0, 1, 2, 3]);
	await jobs.buildAll(never);
	expect(jobs.take(0).itemIndex).toBe(0);
	expect(jobs.take(49).itemIndex).toBe(49);
	const inOrder = Array.from({ length: 50 }, (_, index) => index);
	expect(built).toEqual(inOrder);
	expect(seen).toEqual(inOrder);
});

test('lets the event loop turn between slices of building', async () => {
	// 40 jobs of 1 ms each: about 20 slices of 2 ms.
	const { source, built } = recordingSource(40, 1);
	const jobs = new ReadAhead(source, () => undefined);
	const builtAtEachTurn: number[] = [];
	let turning = true;
	const watchTurns = () => {
		builtAtEachTurn.push(built.length);
		if (turning) setImmediate(watchTurns);
	};
	setImmediate(watchTurns);
	await jobs.buildAll(never);
	turning = false;
	expect(built).toHaveLength(40);
	const growth = builtAtEachTurn.slice(1).map((count, index) => count - builtAtEachTurn[index]);
	expect(Math.max(...growth)).toBeLessThan(10);
	expect(builtAtEachTurn.filter((count) => count > 0 && count < 40).length).toBeGreaterThan(3);
});

test('stops building once the run stops', async () => {
	const { source, built } = recordingSource(1000, 0.05);
	let stopped = false;
	const jobs = new ReadAhead(source, (job) => {
		if (job.itemIndex === 120) stopped = true;
	});
	await jobs.buildAll(() => stopped);
	expect(built.at(-1)).toBe(120);
});

test('a run stopped before it starts builds nothing', async () => {
	const { source, built } = recordingSource(10);
	await new ReadAhead(source, () => undefined).buildAll(() => true);
	expect(built).toEqual([]);
});
