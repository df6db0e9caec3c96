// The shared-plan proof reads the emulator's log with planUsage(): it must see a request billed
// twice, a resend after something other than a 429, and a window holding more than the limit.
import { planUsage } from '../../scripts/queue/plan-usage';
import type { RequestLogEntry } from '../../emulator/server';

let seq = 0;

function request(content: string, status: number | null, receivedAt: number): RequestLogEntry {
	seq += 1;
	return {
		seq,
		receivedAt,
		kind: 'chat',
		method: 'POST',
		path: '/v1/gpt-4.5-preview',
		keyLabel: 'plan',
		body: { messages: [{ role: 'user', content }] },
		status,
		outcome: status === null ? 'pending' : 'answered',
	};
}

test('a clean run: each content billed once, 429s before it, nothing flagged', () => {
	const usage = planUsage(
		[request('a', 429, 0), request('b', 200, 10), request('a', 200, 1000)],
		'plan',
		500,
	);
	expect(usage).toEqual({
		requests: 3,
		billed: 2,
		rateLimited: 1,
		otherStatuses: {},
		billedTwice: [],
		repeatedForOtherReasons: [],
		neverBilled: [],
		busiestSpan: 1,
	});
});

test('a content answered 200 twice is billed twice', () => {
	const usage = planUsage([request('a', 200, 0), request('a', 200, 5)], 'plan', 500);
	expect(usage.billedTwice).toEqual(['a']);
});

test('a resend after a 500 or no answer is flagged, and a content never answered 200 too', () => {
	const usage = planUsage(
		[request('a', 500, 0), request('a', 200, 5), request('b', null, 6), request('b', 429, 7)],
		'plan',
		500,
	);
	expect(usage.repeatedForOtherReasons).toEqual(['a', 'b']);
	expect(usage.neverBilled).toEqual(['b']);
	expect(usage.otherStatuses).toEqual({ '500': 1, pending: 1 });
});

test('the busiest span counts 200s arriving within less than its length, whatever their order', () => {
	const log = [300, 0, 100, 250, 1000].map((at, index) => request(`c${index}`, 200, at));
	expect(planUsage(log, 'plan', 300).busiestSpan).toBe(3);
	expect(planUsage(log, 'plan', 301).busiestSpan).toBe(4);
});

test('other keys and the credits endpoint are left out', () => {
	const other = { ...request('x', 200, 0), keyLabel: 'demo' };
	const credits = { ...request('y', 200, 0), path: '/v1/get-user-credits', body: null };
	expect(planUsage([other, credits], 'plan', 500).requests).toBe(0);
});
