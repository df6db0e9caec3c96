import { Deadline, parseBody, UnbilledRetries, type ApiOutcome } from '../../nodes/shared/client';

const answer = (statusCode: number, headers = {}): ApiOutcome => ({
	answered: true,
	statusCode,
	reasonPhrase: '',
	headers,
	body: undefined,
});
const noAnswer = (kind: 'timeout' | 'network', code: string): ApiOutcome => ({
	answered: false,
	kind,
	code,
	message: code,
});
const low = () => 0;

test.each([
	['429', answer(429)],
	['500', answer(500)],
	['503', answer(503)],
	['a timeout', noAnswer('timeout', 'ETIMEDOUT')],
	['a reset', noAnswer('network', 'ECONNRESET')],
	['a refused connection', noAnswer('network', 'ECONNREFUSED')],
])('an unbilled read is retried after %s, however often', (_name, outcome) => {
	const retries = new UnbilledRetries(0);
	for (let retry = 1; retry <= 20; retry++) {
		expect(retries.nextWaitMs(outcome, Date.now(), low)).toBeGreaterThan(0);
	}
});

test.each([200, 401, 404, 406, 410, 422])('status %i is kept, not retried', (code) => {
	expect(new UnbilledRetries(250).nextWaitMs(answer(code))).toBeUndefined();
});

test('waits follow the backoff schedule, never under the floor, capped at 30 s', () => {
	const retries = new UnbilledRetries(750);
	const waits = Array.from({ length: 9 }, () => retries.nextWaitMs(answer(500), 0, low));
	expect(waits).toEqual([750, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
});

test("a 429's reset moment is honoured", () => {
	const now = Date.parse('2026-01-01T00:00:00Z');
	const outcome = answer(429, { 'x-rate-limit-reset-at-utc': '2026-01-01T00:00:05Z' });
	expect(new UnbilledRetries(250).nextWaitMs(outcome, now, low)).toBe(5000);
});

test('a deadline starts once, counts down, and names the whole timeout when it passes', () => {
	const deadline = new Deadline(1000);
	expect(deadline.remainingMs(50)).toBe(1000);
	deadline.start(100);
	deadline.start(600);
	expect(deadline.remainingMs(600)).toBe(500);
	expect(deadline.remainingMs(1200)).toBe(0);
	expect(deadline.expired()).toMatchObject({ kind: 'timeout', message: 'No answer within the timeout of 1000 ms' });
});

test.each([
	['a JSON string is decoded', '{"a":1}', { a: 1 }],
	['an object is taken as is', { a: 1 }, { a: 1 }],
	['text that is not JSON stays text', 'Hello', 'Hello'],
	['nothing stays nothing', undefined, undefined],
])('output: %s', (_name, output, decoded) => {
	expect(parseBody(output)).toEqual(decoded);
});
