import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { PAUSE_SPREAD } from '../../nodes/shared/client/rateLimitGate';
import { pause } from '../../nodes/shared/client/pause';
import { runWorkflow } from './support/runWorkflow';
import {
	ask,
	CHAT_PATH,
	countRequests,
	credentials,
	openAiAnswer,
	SECRET_API_KEY,
	segmind,
	systemError,
} from '../support/segmindNock';

// Real backoff sleeps 500 ms before the first retry and 1 s before the second: these tests keep
// maxRetries small, or use a 429 whose reset moment has passed (no wait at all).

// Every wait of the node goes through pause: recorded here (and still waited), so how long the
// node chose to wait is asserted exactly rather than read off a clock.
jest.mock('../../nodes/shared/client/pause', () => {
	const actual = jest.requireActual<typeof import('../../nodes/shared/client/pause')>(
		'../../nodes/shared/client/pause',
	);
	return { ...actual, pause: jest.fn(actual.pause) };
});
const pauseMock = pause as jest.MockedFunction<typeof pause>;
const waitsChosen = () => pauseMock.mock.calls.map(([ms]) => ms).filter((ms) => ms > 0);
beforeEach(() => pauseMock.mockClear());

const run = async (options: INodeParameters) => {
	const result = await runWorkflow({
		nodes: [{ parameters: ask(options) }],
		input: [{}],
		credentials: credentials(),
	});
	expect(result.error).toBeUndefined();
	expect(result.serialized).not.toContain(SECRET_API_KEY);
	return result.items[0].json;
};

const PAST_RESET = { 'x-rate-limit-reset-at-utc': new Date(Date.now() - 60_000).toISOString() };

afterEach(() => nock.cleanAll());

test('a 429 is retried past maxRetries while its waits fit in rateLimitWait, then the last answer is output', async () => {
	const soon = () => ({ 'x-rate-limit-reset-at-utc': new Date(Date.now() + 300).toISOString() });
	const scope = segmind()
		.post(CHAT_PATH)
		.reply(() => [429, { error: 'first' }, soon()])
		.post(CHAT_PATH)
		.reply(() => [429, { error: 'second' }, soon()])
		.post(CHAT_PATH)
		.reply(() => [429, { error: 'third' }, { ...soon(), 'x-remaining-credits': '4.5' }]);
	const extra = segmind().post(CHAT_PATH).reply(200, openAiAnswer());
	// Each 429 names a reset ~300 ms ahead: two waits fit in 700 ms, a third would not. (The
	// second wait runs longer than 300 ms, as far as what is left of the 700 allows: the first
	// pause won nothing, so the plan's next pause is at least a backoff step of 1 s.)
	const json = await run({ maxRetries: 0, rateLimitWait: 700 });
	expect(scope.isDone()).toBe(true);
	expect(extra.isDone()).toBe(false);
	expect(json).toMatchObject({
		success: false,
		statusCode: 429,
		status: 'rate_limited',
		error: 'third',
		remainingCredits: 4.5,
	});
	const waits = waitsChosen();
	expect(waits).toHaveLength(2);
	// Never before the reset moment (less what the answer took to arrive), at most 700 in all.
	for (const wait of waits) expect(wait).toBeGreaterThan(200);
	expect(waits[0]).toBeLessThanOrEqual(300 * (1 + PAUSE_SPREAD));
	expect(waits[0] + waits[1]).toBeLessThanOrEqual(700);
});

test('rateLimitWait 0 gives up on the first 429', async () => {
	const scope = segmind().post(CHAT_PATH).reply(429, { error: 'busy' }, PAST_RESET);
	const extra = segmind().post(CHAT_PATH).reply(200, openAiAnswer());
	const json = await run({ maxRetries: 2, rateLimitWait: 0 });
	expect(scope.isDone()).toBe(true);
	expect(extra.isDone()).toBe(false);
	expect(json).toMatchObject({ status: 'rate_limited', error: 'busy' });
	expect(waitsChosen()).toEqual([]);
});

test('a 429 then a 200 gives the 200, even with maxRetries 0; a reset moment already past backs off', async () => {
	const scope = segmind()
		.post(CHAT_PATH)
		.reply(429, { error: 'slow down' }, PAST_RESET)
		.post(CHAT_PATH)
		.reply(200, openAiAnswer('made it'));
	const json = await run({ maxRetries: 0 });
	expect(scope.isDone()).toBe(true);
	expect(json).toMatchObject({ success: true, status: 'ok', reply: 'made it' });
	expect(json).not.toHaveProperty('error');
	// Coming straight back would meet the same limit: the first backoff step instead (and its
	// spread).
	const [wait] = waitsChosen();
	expect(wait).toBeGreaterThanOrEqual(500);
	expect(wait).toBeLessThanOrEqual(600 * (1 + PAUSE_SPREAD));
});

test('a 429 waits until the moment its x-rate-limit-reset-at-utc names', async () => {
	const arrivals: number[] = [];
	const scope = segmind()
		.post(CHAT_PATH)
		.times(2)
		.reply(() => {
			arrivals.push(Date.now());
			return arrivals.length === 1
				? [
						429,
						{ error: 'wait' },
						{ 'x-rate-limit-reset-at-utc': new Date(Date.now() + 300).toISOString() },
					]
				: [200, openAiAnswer()];
		});
	const json = await run({ maxRetries: 1 });
	expect(scope.isDone()).toBe(true);
	expect(json.status).toBe('ok');
	// What is left of the 300 ms the header named (and up to its spread), not a 500 ms backoff.
	const [wait] = waitsChosen();
	expect(wait).toBeGreaterThan(0);
	expect(wait).toBeLessThanOrEqual(300 * (1 + PAUSE_SPREAD));
	// A lower bound only: how late a timer fires depends on the machine.
	expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(280);
});

test('a 500 is retried once with maxRetries 1, after a backoff of at least 500 ms', async () => {
	const arrivals: number[] = [];
	const scope = segmind()
		.post(CHAT_PATH)
		.times(2)
		.reply(() => {
			arrivals.push(performance.now());
			return [500, { error: `attempt ${arrivals.length}` }];
		});
	const extra = segmind().post(CHAT_PATH).reply(200, openAiAnswer());
	const json = await run({ maxRetries: 1 });
	expect(scope.isDone()).toBe(true);
	expect(extra.isDone()).toBe(false);
	expect(json).toMatchObject({ status: 'server_error', statusCode: 500, error: 'attempt 2' });
	const [wait] = waitsChosen();
	expect(waitsChosen()).toHaveLength(1);
	expect(wait).toBeGreaterThanOrEqual(500);
	expect(wait).toBeLessThanOrEqual(600);
	expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(490);
});

test('502, 503 and 504 are retried, and a 200 after them is the output', async () => {
	// One item per status, in parallel, so the three backoffs overlap.
	const codes = [502, 503, 504];
	const scopes = codes.map((code) => {
		const body = { messages: [{ role: 'user', content: String(code) }] };
		return segmind()
			.post(CHAT_PATH, body)
			.reply(code, { error: 'try again' })
			.post(CHAT_PATH, body)
			.reply(200, openAiAnswer(`${code} then lucky`));
	});
	const { items, error } = await runWorkflow({
		nodes: [{ parameters: ask({ maxRetries: 1 }, '={{ $json.code }}') }],
		input: codes.map((code) => ({ code: String(code) })),
		credentials: credentials(),
	});
	expect(error).toBeUndefined();
	scopes.forEach((scope) => expect(scope.isDone()).toBe(true));
	expect(items.map((item) => [item.json.statusCode, item.json.reply])).toEqual(
		codes.map((code) => [200, `${code} then lucky`]),
	);
});

test('maxRetries 0 sends once', async () => {
	const scope = segmind().post(CHAT_PATH).times(2).reply(503, { error: 'down' });
	const attempts = countRequests(scope);
	const json = await run({ maxRetries: 0 });
	expect(attempts.count).toBe(1);
	expect(json).toMatchObject({ status: 'server_error', error: 'down' });
});

test.each([
	[401, 'unauthorized'],
	[404, 'not_found'],
	[405, 'method_not_allowed'],
	[406, 'insufficient_credits'],
	[410, 'gone'],
	[418, 'http_error'],
	[400, 'http_error'],
])('a %i is never retried', async (code, status) => {
	const scope = segmind().post(CHAT_PATH).times(3).reply(code, { error: 'no' });
	const attempts = countRequests(scope);
	const json = await run({ maxRetries: 2 });
	expect(attempts.count).toBe(1);
	expect(json).toMatchObject({ statusCode: code, status });
});

test('refused, unresolved and not-yet-resolvable hosts are retried up to maxRetries times', async () => {
	const scope = segmind()
		.post(CHAT_PATH)
		.replyWithError(systemError('ECONNREFUSED', 'connect ECONNREFUSED 203.0.113.7:443'))
		.post(CHAT_PATH)
		.replyWithError(systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND api.segmind.com'))
		.post(CHAT_PATH)
		.replyWithError(systemError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN api.segmind.com'));
	const extra = segmind().post(CHAT_PATH).reply(200, openAiAnswer());
	const json = await run({ maxRetries: 2 });
	expect(scope.isDone()).toBe(true);
	expect(extra.isDone()).toBe(false);
	expect(json).toMatchObject({
		success: false,
		statusCode: null,
		status: 'network_error',
		error: 'getaddrinfo EAI_AGAIN api.segmind.com',
	});
});

test('a refused connection then an answer gives the answer', async () => {
	const scope = segmind()
		.post(CHAT_PATH)
		.replyWithError(systemError('ECONNREFUSED', 'connect ECONNREFUSED 203.0.113.7:443'))
		.post(CHAT_PATH)
		.reply(200, openAiAnswer('back up'));
	const json = await run({ maxRetries: 1 });
	expect(scope.isDone()).toBe(true);
	expect(json).toMatchObject({ status: 'ok', reply: 'back up' });
});

test('a reset in between stops the retries', async () => {
	const scope = segmind()
		.post(CHAT_PATH)
		.reply(429, { error: 'busy' }, PAST_RESET)
		.post(CHAT_PATH)
		.replyWithError(systemError('ECONNRESET', 'socket hang up'));
	const extra = segmind().post(CHAT_PATH).reply(200, openAiAnswer());
	const json = await run({ maxRetries: 3 });
	expect(scope.isDone()).toBe(true);
	expect(extra.isDone()).toBe(false);
	expect(json).toMatchObject({ status: 'network_error', error: 'socket hang up' });
});

test('a retry waits for its own pace slot under requestsPerMinute', async () => {
	const arrivals: number[] = [];
	const scope = segmind()
		.post(CHAT_PATH)
		.times(2)
		.reply(() => {
			arrivals.push(performance.now());
			return arrivals.length === 1 ? [503, { error: 'busy' }] : [200, openAiAnswer()];
		});
	// 30 per minute: one start every 2020 ms. The 503 backs off ~500-600 ms; then the pace still
	// waits what is left of the 2020 ms.
	const json = await run({ maxRetries: 1, requestsPerMinute: 30 });
	expect(scope.isDone()).toBe(true);
	expect(json.status).toBe('ok');
	const waits = waitsChosen();
	expect(waits).toHaveLength(2);
	expect(waits[0]).toBeLessThanOrEqual(600);
	expect(waits[1]).toBeGreaterThan(1000);
	expect(waits[1]).toBeLessThanOrEqual(2020);
	// Unpaced, the gap would be the backoff alone.
	expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(1900);
});
