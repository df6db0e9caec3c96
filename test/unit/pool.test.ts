import { runInPool } from '../../nodes/shared/pipeline';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Work whose finishing order the test decides, measuring how many run at once. */
function controlledWork() {
	const pending = new Map<number, () => void>();
	const started: number[] = [];
	let inFlight = 0;
	let maxInFlight = 0;
	const work = async (index: number) => {
		started.push(index);
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		await new Promise<void>((resolve) => pending.set(index, resolve));
		inFlight--;
		return `result ${index}`;
	};
	const finish = async (index: number) => {
		const resolve = pending.get(index);
		if (!resolve) throw new Error(`work ${index} is not running`);
		pending.delete(index);
		resolve();
		await tick();
	};
	return {
		work,
		finish,
		started,
		running: () => [...pending.keys()].sort((a, b) => a - b),
		maxInFlight: () => maxInFlight,
	};
}

test('at most `limit` run at once, and the next starts as soon as one ends', async () => {
	const control = controlledWork();
	const run = runInPool(6, 2, control.work);
	await tick();
	expect(control.running()).toEqual([0, 1]);
	await control.finish(1);
	expect(control.running()).toEqual([0, 2]);
	await control.finish(0);
	await control.finish(2);
	expect(control.running()).toEqual([3, 4]);
	await control.finish(4);
	await control.finish(3);
	await control.finish(5);
	await run;
	expect(control.maxInFlight()).toBe(2);
	expect(control.started).toEqual([0, 1, 2, 3, 4, 5]);
});

test('results come in index order whatever the finishing order', async () => {
	const control = controlledWork();
	const run = runInPool(4, 4, control.work);
	await tick();
	for (const index of [3, 1, 0, 2]) await control.finish(index);
	expect(await run).toEqual(['result 0', 'result 1', 'result 2', 'result 3']);
	expect(control.maxInFlight()).toBe(4);
});

test.each([
	[1, 5],
	[3, 10],
	[5, 3],
])('with random durations, limit %i over %i jobs is never exceeded', async (limit, count) => {
	let inFlight = 0;
	let maxInFlight = 0;
	const durations = [7, 1, 4, 0, 9, 2, 5, 3, 8, 6];
	const results = await runInPool(count, limit, async (index) => {
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		await new Promise((resolve) => setTimeout(resolve, durations[index]));
		inFlight--;
		return index * 10;
	});
	expect(maxInFlight).toBe(Math.min(limit, count));
	expect(results).toEqual(Array.from({ length: count }, (_, index) => index * 10));
});

test('a limit below 1 still runs one at a time', async () => {
	const control = controlledWork();
	const run = runInPool(2, 0, control.work);
	await tick();
	expect(control.running()).toEqual([0]);
	await control.finish(0);
	await control.finish(1);
	expect(await run).toEqual(['result 0', 'result 1']);
});

test('nothing to do gives no results', async () => {
	const work = jest.fn();
	expect(await runInPool(0, 5, work)).toEqual([]);
	expect(work).not.toHaveBeenCalled();
});

test('once shouldStop says so no new work starts; what never ran stays undefined', async () => {
	const control = controlledWork();
	let stop = false;
	const run = runInPool(5, 2, control.work, () => stop);
	await tick();
	expect(control.running()).toEqual([0, 1]);
	stop = true;
	await control.finish(0);
	// Work already running finishes; nothing else starts.
	expect(control.running()).toEqual([1]);
	await control.finish(1);
	expect(await run).toEqual(['result 0', 'result 1', undefined, undefined, undefined]);
	expect(control.started).toEqual([0, 1]);
});

test('shouldStop true from the start runs nothing', async () => {
	const work = jest.fn();
	expect(await runInPool(3, 2, work, () => true)).toEqual([undefined, undefined, undefined]);
	expect(work).not.toHaveBeenCalled();
});

test('a failing work rejects the pool', async () => {
	await expect(
		runInPool(3, 2, async (index) => {
			if (index === 1) throw new Error('boom');
			return index;
		}),
	).rejects.toThrow('boom');
});
