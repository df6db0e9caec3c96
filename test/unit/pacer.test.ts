import { Pacer } from '../../nodes/SegmindGpt45/transport/pacer';

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
	await pacer.nextSlot();
	let second = false;
	void pacer.nextSlot().then(() => (second = true));
	await jest.advanceTimersByTimeAsync(1009);
	expect(second).toBe(false);
	await jest.advanceTimersByTimeAsync(1);
	expect(second).toBe(true);
});

test('after a quiet spell the next request starts at once, not on an old schedule', async () => {
	const pacer = new Pacer(60);
	await pacer.nextSlot();
	await jest.advanceTimersByTimeAsync(5_000);
	const before = Date.now();
	let started = false;
	void pacer.nextSlot().then(() => (started = true));
	await jest.advanceTimersByTimeAsync(0);
	expect(started).toBe(true);
	expect(Date.now()).toBe(before);
	// The one after it waits a full interval from there.
	const starts = await slotStarts(pacer, 1, 1_010);
	expect(starts[0]).toBeCloseTo(5_000 + 1_010, 6);
});

test.each([0, -5])('%i requests per minute means no wait at all', async (rpm) => {
	const pacer = new Pacer(rpm);
	const sleeping = jest.spyOn(globalThis, 'setTimeout');
	const starts = await slotStarts(pacer, 20, 0);
	expect(starts).toEqual(Array.from({ length: 20 }, () => 0));
	expect(sleeping).not.toHaveBeenCalled();
	sleeping.mockRestore();
});

test('slots given in time say the execution goes on', async () => {
	const pacer = new Pacer(60);
	await expect(pacer.nextSlot(new AbortController().signal)).resolves.toBe(true);
	const second = pacer.nextSlot(new AbortController().signal);
	await jest.advanceTimersByTimeAsync(1_010);
	await expect(second).resolves.toBe(true);
});

test('a cancelled execution ends the wait for a slot at once, saying it is cancelled', async () => {
	const pacer = new Pacer(1);
	await pacer.nextSlot();
	const controller = new AbortController();
	let result: boolean | undefined;
	void pacer.nextSlot(controller.signal).then((goesOn) => (result = goesOn));
	await jest.advanceTimersByTimeAsync(1_000);
	expect(result).toBeUndefined();
	controller.abort();
	await jest.advanceTimersByTimeAsync(0);
	// Long before the 60.6 s slot.
	expect(result).toBe(false);
});

test.each([0, 60])('an already cancelled execution gets no slot (%i per minute)', async (rpm) => {
	const controller = new AbortController();
	controller.abort();
	await expect(new Pacer(rpm).nextSlot(controller.signal)).resolves.toBe(false);
});
