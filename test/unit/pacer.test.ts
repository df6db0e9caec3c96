import { Pacer } from '../../nodes/shared/client';

const START = Date.UTC(2026, 10, 5, 12, 0, 0);

beforeEach(() => jest.useFakeTimers({ now: START }));
afterEach(() => jest.useRealTimers());

/** Asks for `count` slots at once and returns when (relative to START) each one began. */
async function slotStarts(pacer: Pacer, count: number, runFor: number) {
	const starts: number[] = [];
	const slots = Array.from({ length: count }, () =>
		pacer.nextSlot().then(() => starts.push(Date.now() - START)),
	);
	await jest.advanceTimersByTimeAsync(runFor);
	await Promise.all(slots);
	return starts;
}

test.each([
	[5, 12_120],
	[50, 1_212],
	[600, 101],
])('%i requests per minute space the starts 60000/rpm x 1.01 = %d ms apart', async (rpm, spacing) => {
	const starts = await slotStarts(new Pacer(rpm), 4, spacing * 4);
	expect(starts).toHaveLength(4);
	starts.forEach((start, index) => expect(start).toBeCloseTo(index * spacing, 6));
});

test('the first request starts at once', async () => {
	const pacer = new Pacer(5);
	let started = false;
	void pacer.nextSlot().then(() => (started = true));
	await jest.advanceTimersByTimeAsync(0);
	expect(started).toBe(true);
});

test('a slot is not given before its time', async () => {
	const pacer = new Pacer(60);
	void pacer.nextSlot();
	let second = false;
	void pacer.nextSlot().then(() => (second = true));
	await jest.advanceTimersByTimeAsync(1009);
	expect(second).toBe(false);
	await jest.advanceTimersByTimeAsync(1);
	expect(second).toBe(true);
});

test('after a quiet spell the next request starts at once, not on an old schedule', async () => {
	const pacer = new Pacer(60);
	void pacer.nextSlot();
	await jest.advanceTimersByTimeAsync(5_000);
	let started = false;
	void pacer.nextSlot().then(() => (started = true));
	// One turn of the event loop, which fake timers count as a millisecond.
	await jest.advanceTimersByTimeAsync(1);
	expect(started).toBe(true);
	// The one after it waits a full interval from there.
	const starts = await slotStarts(pacer, 1, 1_010);
	expect(starts[0]).toBeCloseTo(5_000 + 1_010, 6);
});

test.each([0, -5])('%i requests per minute means no waiting for time', async (rpm) => {
	const pacer = new Pacer(rpm);
	const slots = Array.from({ length: 20 }, () => pacer.nextSlot());
	await jest.runAllTimersAsync();
	await Promise.all(slots);
	// Only the turns of the event loop, which fake timers count as up to a millisecond each.
	expect(Date.now() - START).toBeLessThanOrEqual(20);
});

test('without a limit, each request starts in a turn of the event loop of its own', async () => {
	jest.useRealTimers();
	const pacer = new Pacer(0);
	const events: string[] = [];
	// What n8n does with a started request's socket happens on a later turn, like this callback.
	const start = async (name: string) => {
		await pacer.nextSlot();
		events.push(`start ${name}`);
		setImmediate(() => events.push(`socket ${name}`));
	};
	await Promise.all(['a', 'b', 'c'].map(start));
	await new Promise((resolve) => setImmediate(resolve));
	expect(events).toEqual(['start a', 'socket a', 'start b', 'socket b', 'start c', 'socket c']);
});

test('a cancelled execution ends the wait for a slot at once', async () => {
	const pacer = new Pacer(1);
	void pacer.nextSlot();
	const controller = new AbortController();
	let given = false;
	void pacer.nextSlot(controller.signal).then(() => (given = true));
	await jest.advanceTimersByTimeAsync(1_000);
	expect(given).toBe(false);
	controller.abort();
	await jest.advanceTimersByTimeAsync(0);
	// Long before the 60.6 s slot.
	expect(given).toBe(true);
});

test('an already cancelled execution is not kept waiting for its slot', async () => {
	const pacer = new Pacer(60);
	void pacer.nextSlot();
	const controller = new AbortController();
	controller.abort();
	let given = false;
	void pacer.nextSlot(controller.signal).then(() => (given = true));
	await jest.advanceTimersByTimeAsync(0);
	expect(given).toBe(true);
});
