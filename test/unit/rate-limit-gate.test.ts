import type { IDataObject } from 'n8n-workflow';

import type { ApiOutcome } from '../../nodes/shared/client';
import {
	forgetPlanGates,
	PAUSE_SPREAD,
	planGate,
	RateLimitGate,
	type GateTicket,
} from '../../nodes/shared/client';
import { REFILL_SHARE } from '../../nodes/shared/client/rateLimitGate';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const low = () => 0;
const high = () => 0.999999;

const answer = (statusCode: number, headers: IDataObject = {}): ApiOutcome => ({
	answered: true,
	statusCode,
	reasonPhrase: '',
	headers,
	body: undefined,
});
const ok = answer(200);
/** A 429 whose reset moment is `ms` after `now`. */
const limited = (ms: number, now = NOW) =>
	answer(429, { 'x-rate-limit-reset-at-utc': new Date(now + ms).toISOString() });

/** Takes places until the gate refuses one; returns them. */
function enterAll(gate: RateLimitGate, now = NOW, most = 100): GateTicket[] {
	const tickets: GateTicket[] = [];
	for (let ticket = gate.tryEnter(now); ticket; ticket = gate.tryEnter(now)) {
		tickets.push(ticket);
		if (tickets.length === most) break;
	}
	return tickets;
}

/** A gate that saw `taken` requests taken, then one 429 naming a reset `resetMs` ahead. */
function pausedGate(taken: number, resetMs: number, random = low) {
	const gate = new RateLimitGate();
	const tickets = enterAll(gate, NOW, taken + 1);
	tickets.slice(0, taken).forEach((ticket) => gate.leave(ticket, ok, NOW));
	gate.leave(tickets[taken], limited(resetMs), NOW, random);
	return gate;
}

describe('a 429 pauses every request of the plan', () => {
	test('until its reset moment, with no spread at the bottom of the random range', () => {
		const gate = pausedGate(3, 40_000);
		expect(gate.pauseLeftMs(NOW)).toBe(40_000);
		expect(gate.pauseLeftMs(NOW + 39_000)).toBe(1_000);
		expect(gate.pauseLeftMs(NOW + 40_000)).toBe(0);
	});

	test(`and up to ${PAUSE_SPREAD * 100}% of the wait later, so that those told the same moment come back apart`, () => {
		const gate = pausedGate(3, 40_000, high);
		expect(gate.pauseLeftMs(NOW)).toBeGreaterThan(40_000 * (1 + PAUSE_SPREAD) - 1);
		expect(gate.pauseLeftMs(NOW)).toBeLessThanOrEqual(40_000 * (1 + PAUSE_SPREAD));
	});

	test('a reset moment already past pauses one backoff step (500 ms, up to 20% jitter)', () => {
		const gate = pausedGate(3, -5_000);
		expect(gate.pauseLeftMs(NOW)).toBe(500);
		expect(pausedGate(3, -5_000, high).pauseLeftMs(NOW)).toBeLessThanOrEqual(
			600 * (1 + PAUSE_SPREAD),
		);
	});

	test('a 429 without the header pauses one backoff step too', () => {
		const gate = new RateLimitGate();
		gate.leave(gate.tryEnter(NOW)!, answer(429), NOW, low);
		expect(gate.pauseLeftMs(NOW)).toBe(500);
	});

	test('the 429s of requests sent before the pause set no pause of their own: no new spread, only a later reset counts', () => {
		const gate = new RateLimitGate();
		const [first, second, third] = enterAll(gate, NOW, 3);
		gate.leave(first, limited(10_000), NOW, high);
		const paused = gate.pauseLeftMs(NOW);
		gate.leave(second, limited(10_000, NOW + 5), NOW + 5, high);
		expect(gate.pauseLeftMs(NOW)).toBe(paused);
		gate.leave(third, limited(20_000), NOW, high);
		expect(gate.pauseLeftMs(NOW)).toBe(20_000);
	});

	test('the 429 of a request sent during the pause (its rateLimitWait spent) sets no pause of its own', () => {
		const gate = pausedGate(3, 10_000);
		const during = NOW + 1_000;
		const impatient = gate.tryEnter(during)!;
		gate.leave(impatient, limited(9_000, during), during, high);
		expect(gate.pauseLeftMs(NOW)).toBe(10_000);
		// Nor does it change how many go after the pause: the first still goes alone, then 2.
		const after = NOW + 10_000;
		const [probe, ...more] = enterAll(gate, after);
		expect(more).toHaveLength(0);
		gate.leave(probe, ok, after);
		expect(enterAll(gate, after)).toHaveLength(2);
	});

	test('other answers and failed connections pause nothing', () => {
		const gate = new RateLimitGate();
		const [a, b, c] = enterAll(gate, NOW, 3);
		gate.leave(a, answer(503), NOW);
		gate.leave(b, { answered: false, kind: 'network', code: 'ECONNREFUSED', message: '' }, NOW);
		gate.leave(c, ok, NOW);
		expect(gate.pauseLeftMs(NOW)).toBe(0);
		expect(enterAll(gate)).toHaveLength(100);
	});
});

describe('after a pause', () => {
	test('one request goes alone; each one the plan takes lets one more go at once', () => {
		const gate = pausedGate(20, 1_000);
		const after = NOW + 2_000;
		const [probe, ...more] = enterAll(gate, after);
		expect(more).toHaveLength(0);
		gate.leave(probe, ok, after);
		const two = enterAll(gate, after);
		expect(two).toHaveLength(2);
		two.forEach((ticket) => gate.leave(ticket, ok, after));
		expect(enterAll(gate, after)).toHaveLength(4);
	});

	test('up to as many as the plan took in the window before the 429 go that way, then one at a time', () => {
		// The plan took 5 within the window; the 429 named a reset 60 s ahead (the window).
		const gate = pausedGate(5, 60_000);
		const after = NOW + 61_000;
		const sent: number[] = [];
		let taken = 0;
		for (let round = 0; round < 4; round++) {
			const tickets = enterAll(gate, after);
			sent.push(tickets.length);
			tickets.forEach((ticket) => gate.leave(ticket, ok, after));
			taken += tickets.length;
		}
		// 1 alone, then 2, then the 2 left of the 5, then one at a time.
		expect(sent).toEqual([1, 2, 2, 1]);
		expect(taken).toBe(6);
	});

	test('the number in flight doubles per round trip, up to what is left of the expected, then one at a time', () => {
		const gate = pausedGate(40, 60_000);
		const after = NOW + 61_000;
		const rounds: number[] = [];
		for (let round = 0; round < 7; round++) {
			const tickets = enterAll(gate, after);
			rounds.push(tickets.length);
			tickets.forEach((ticket) => gate.leave(ticket, ok, after));
		}
		expect(rounds).toEqual([1, 2, 4, 8, 16, 9, 1]);
	});

	test('a 429 that ends a stretch in which the plan took requests pauses at least a share of the window, however near its reset', () => {
		const gate = pausedGate(5, 60_000);
		const after = NOW + 61_000;
		for (const ticket of [enterAll(gate, after)[0]]) gate.leave(ticket, ok, after);
		const [next] = enterAll(gate, after);
		// The plan is full again; its next room comes back in 50 ms.
		gate.leave(next, limited(50, after), after, low);
		expect(gate.pauseLeftMs(after)).toBe(60_000 * REFILL_SHARE);
	});

	test('what the plan took before the window is not counted', () => {
		const gate = new RateLimitGate();
		const old = enterAll(gate, NOW - 120_000, 10);
		old.forEach((ticket) => gate.leave(ticket, ok, NOW - 120_000));
		const recent = enterAll(gate, NOW, 3);
		recent.slice(0, 2).forEach((ticket) => gate.leave(ticket, ok, NOW));
		gate.leave(recent[2], limited(30_000), NOW, low);
		const after = NOW + 31_000;
		const probe = enterAll(gate, after);
		expect(probe).toHaveLength(1);
		gate.leave(probe[0], ok, after);
		// Two were taken within the window: one more after the probe, then one at a time.
		expect(enterAll(gate, after)).toHaveLength(1);
	});

	test('a pause after which the plan took nothing makes the next one at least a longer backoff step', () => {
		const gate = pausedGate(3, 100);
		const after = NOW + 200;
		gate.leave(gate.tryEnter(after)!, limited(100, after), after, low);
		// 100 ms to the reset, but the last pause won nothing: at least 1 s (backoff step 2).
		expect(gate.pauseLeftMs(after)).toBe(1_000);
		const later = after + 1_100;
		gate.leave(gate.tryEnter(later)!, limited(100, later), later, low);
		expect(gate.pauseLeftMs(later)).toBe(2_000);
		// Once the plan takes one, pauses go back to the reset moment.
		const then = later + 2_100;
		gate.leave(gate.tryEnter(then)!, ok, then);
		const [probe] = enterAll(gate, then);
		gate.leave(probe, limited(100, then), then, low);
		expect(gate.pauseLeftMs(then)).toBe(100);
	});

	test('a whole window after the pause without a 429, the limits are lifted', () => {
		const gate = pausedGate(5, 30_000);
		expect(enterAll(gate, NOW + 30_001)).toHaveLength(1);
		const fresh = new RateLimitGate();
		const lifted = pausedGate(5, 30_000);
		expect(enterAll(lifted, NOW + 60_001)).toHaveLength(enterAll(fresh, NOW).length);
	});

	test('a place given back without an answer (the run stopped) changes nothing but the count', () => {
		const gate = pausedGate(5, 1_000);
		const after = NOW + 2_000;
		const [probe] = enterAll(gate, after);
		gate.leave(probe);
		expect(enterAll(gate, after)).toHaveLength(1);
		expect(gate.pauseLeftMs(after)).toBe(0);
	});
});

test('a ticket knows whether a pause was set since it was taken', () => {
	const gate = new RateLimitGate();
	const [first, second] = enterAll(gate, NOW, 2);
	expect(gate.pausedSince(second)).toBe(false);
	gate.leave(first, limited(1_000), NOW, low);
	expect(gate.pausedSince(second)).toBe(true);
	gate.leave(second);
	const later = gate.tryEnter(NOW + 2_000)!;
	expect(gate.pausedSince(later)).toBe(false);
});

describe('waiting for a place', () => {
	test('changed() resolves when a place is given back', async () => {
		const gate = pausedGate(5, 1_000);
		const [probe] = enterAll(gate, NOW + 2_000);
		let woke = false;
		const waiting = gate.changed().then(() => (woke = true));
		await Promise.resolve();
		expect(woke).toBe(false);
		gate.leave(probe, ok, NOW + 2_000);
		await waiting;
		expect(woke).toBe(true);
	});

	test('changed() resolves at once when the run is cancelled', async () => {
		const gate = new RateLimitGate();
		const controller = new AbortController();
		const waiting = gate.changed(controller.signal);
		controller.abort();
		await expect(waiting).resolves.toBeUndefined();
		await expect(gate.changed(controller.signal)).resolves.toBeUndefined();
	});
});

describe('one gate per plan in this process', () => {
	afterEach(() => forgetPlanGates());

	test('runs with the same key at the same base URL share it; another key or URL has its own', () => {
		const gate = planGate('https://api.segmind.com', 'SG_one');
		expect(planGate('https://api.segmind.com', 'SG_one')).toBe(gate);
		expect(planGate('https://api.segmind.com', 'SG_two')).not.toBe(gate);
		expect(planGate('http://127.0.0.1:4010', 'SG_one')).not.toBe(gate);
	});

	test('forgetPlanGates() starts afresh', () => {
		const gate = planGate('https://api.segmind.com', 'SG_one');
		forgetPlanGates();
		expect(planGate('https://api.segmind.com', 'SG_one')).not.toBe(gate);
	});
});
