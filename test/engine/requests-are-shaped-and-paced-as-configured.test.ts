import nock from 'nock';

import { pause } from '../../nodes/shared/client/pause';
import { runWorkflow } from './support/runWorkflow';
import {
	ask,
	CHAT_PATH,
	credentials,
	openAiAnswer,
	SECRET_API_KEY,
	segmind,
} from '../support/segmindNock';

interface SentRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

/** Answers every chat request to any model with an OpenAI reply, recording what was sent. */
function recordChats(times = 1) {
	const sent: SentRequest[] = [];
	const scope = segmind()
		.post(/^\/v1\/[^/]+$/)
		.times(times)
		.reply(function (path, body) {
			sent.push({ method: this.req.method, path, headers: this.req.headers, body });
			return [200, openAiAnswer()];
		});
	return { scope, sent };
}

const runOne = (parameters: ReturnType<typeof ask>, input = [{}]) =>
	runWorkflow({ nodes: [{ parameters }], input, credentials: credentials() });

// Every wait of the node goes through pause: recorded here (and still waited), so the schedule
// the pacer computed is asserted rather than read off a clock alone.
jest.mock('../../nodes/shared/client/pause', () => {
	const actual = jest.requireActual<typeof import('../../nodes/shared/client/pause')>(
		'../../nodes/shared/client/pause',
	);
	return { ...actual, pause: jest.fn(actual.pause) };
});
const pauseMock = pause as jest.MockedFunction<typeof pause>;
const actualPause = jest.requireActual<typeof import('../../nodes/shared/client/pause')>(
	'../../nodes/shared/client/pause',
).pause;

beforeEach(() => pauseMock.mockClear());
afterEach(() => nock.cleanAll());

test('POST {baseUrl}/v1/gpt-4.5-preview with the key in x-api-key and only the messages as JSON', async () => {
	const { scope, sent } = recordChats();
	const { items, error } = await runOne(ask());
	expect(error).toBeUndefined();
	expect(scope.isDone()).toBe(true);
	expect(sent).toHaveLength(1);
	const [request] = sent;
	expect(request.method).toBe('POST');
	expect(request.path).toBe(CHAT_PATH);
	expect(request.headers['x-api-key']).toBe(SECRET_API_KEY);
	expect(request.headers['content-type']).toMatch(/^application\/json/);
	expect(request.body).toStrictEqual({ messages: [{ role: 'user', content: 'Hello' }] });
	expect(items[0].json.model).toBe('gpt-4.5-preview');
});

test('temperature and max_tokens are sent when set', async () => {
	const { scope, sent } = recordChats();
	await runOne(ask({ temperature: 0.2, maxTokens: 128 }));
	expect(scope.isDone()).toBe(true);
	expect(sent[0].body).toStrictEqual({
		messages: [{ role: 'user', content: 'Hello' }],
		temperature: 0.2,
		max_tokens: 128,
	});
});

test('a temperature of 0 is sent: it is set', async () => {
	const { sent } = recordChats();
	await runOne(ask({ temperature: 0 }));
	expect(sent[0].body).toStrictEqual({
		messages: [{ role: 'user', content: 'Hello' }],
		temperature: 0,
	});
});

test('extraBody is merged, and the named fields win over it', async () => {
	const { sent } = recordChats();
	const extraBody = JSON.stringify({
		top_p: 0.5,
		temperature: 1.9,
		messages: [{ role: 'user', content: 'not this' }],
	});
	await runOne(ask({ extraBody, temperature: 0.4 }));
	expect(sent[0].body).toStrictEqual({
		messages: [{ role: 'user', content: 'Hello' }],
		top_p: 0.5,
		temperature: 0.4,
	});
});

test('extraBody may set temperature and max_tokens when the options are unset', async () => {
	const { sent } = recordChats();
	await runOne(ask({ extraBody: '{"temperature":0.6,"max_tokens":32}' }));
	expect(sent[0].body).toStrictEqual({
		messages: [{ role: 'user', content: 'Hello' }],
		temperature: 0.6,
		max_tokens: 32,
	});
});

test('the system message goes first', async () => {
	const { sent } = recordChats();
	const { items } = await runOne(ask({ systemMessage: 'Answer in one word' }));
	const messages = [
		{ role: 'system', content: 'Answer in one word' },
		{ role: 'user', content: 'Hello' },
	];
	expect(sent[0].body).toStrictEqual({ messages });
	expect(items[0].json.messages).toEqual([...messages, { role: 'assistant', content: 'Hi there' }]);
});

test('the model option changes the path and the output model', async () => {
	const { scope, sent } = recordChats();
	const { items } = await runOne(ask({ model: 'claude-3.7-sonnet' }));
	expect(scope.isDone()).toBe(true);
	expect(sent[0].path).toBe('/v1/claude-3.7-sonnet');
	expect(items[0].json.model).toBe('claude-3.7-sonnet');
});

test('a base URL with a path and a trailing slash is joined without a double slash', async () => {
	const sent: string[] = [];
	const scope = nock('https://gateway.example.com')
		.post('/segmind/v1/gpt-4.5-preview')
		.reply(function (path) {
			sent.push(path);
			return [200, openAiAnswer()];
		});
	await runWorkflow({
		nodes: [{ parameters: ask() }],
		input: [{}],
		credentials: { apiKey: SECRET_API_KEY, baseUrl: 'https://gateway.example.com/segmind/' },
	});
	expect(scope.isDone()).toBe(true);
	expect(sent).toEqual(['/segmind/v1/gpt-4.5-preview']);
});

test('each item sends its own conversation, evaluated per item, and outputs in input order', async () => {
	const { scope, sent } = recordChats(3);
	const { items } = await runOne(ask({}, '={{ $json.question }}'), [
		{ question: 'one' },
		{ question: 'two' },
		{ question: 'three' },
	]);
	expect(scope.isDone()).toBe(true);
	const contents = sent.map(
		(request) => (request.body as { messages: Array<{ content: string }> }).messages[0].content,
	);
	expect(contents.sort()).toEqual(['one', 'three', 'two']);
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(
		items.map((item) => (item.json.messages as Array<{ content: string }>)[0].content),
	).toEqual(['one', 'two', 'three']);
});

test('field mode sends the messages array an item field holds', async () => {
	const { sent } = recordChats();
	const messages = [
		{ role: 'user', content: 'Hi' },
		{ role: 'assistant', content: 'Hello!' },
		{ role: 'user', content: 'How are you?' },
	];
	await runOne(
		{
			operation: 'message',
			inputMode: 'field',
			messagesField: '={{ $json.messages }}',
			options: {},
		},
		[{ messages }],
	);
	expect(sent[0].body).toStrictEqual({ messages });
});

test('items mode sends all input items as one conversation, read from dot paths', async () => {
	const { scope, sent } = recordChats();
	const { items } = await runOne(
		{
			operation: 'message',
			inputMode: 'items',
			roleField: 'who',
			contentField: 'msg.text',
			options: {},
		},
		[
			{ who: 'user', msg: { text: 'first' } },
			{ who: 'assistant', msg: { text: 'second' } },
		],
	);
	expect(scope.isDone()).toBe(true);
	expect(sent[0].body).toStrictEqual({
		messages: [
			{ role: 'user', content: 'first' },
			{ role: 'assistant', content: 'second' },
		],
	});
	expect(items).toHaveLength(1);
	expect(items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
});

describe('concurrency', () => {
	const sleepFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

	/**
	 * Measures how many requests are in flight at once. The first `expected` requests wait for one
	 * another (up to 2 s), so a node that keeps to the limit reaches it however slow the machine
	 * is; every request then holds 50 ms, long enough for any request over the limit to overlap.
	 */
	function measuredChats(times: number, expected: number) {
		const measure = { inFlight: 0, max: 0, arrived: 0 };
		const scope = segmind()
			.post(CHAT_PATH)
			.times(times)
			.reply(async () => {
				const arrival = ++measure.arrived;
				measure.inFlight++;
				measure.max = Math.max(measure.max, measure.inFlight);
				if (arrival <= expected) {
					for (let waited = 0; measure.inFlight < expected && waited < 2_000; waited += 5)
						await sleepFor(5);
				}
				await sleepFor(50);
				measure.inFlight--;
				return [200, openAiAnswer()];
			});
		return { scope, measure };
	}

	test.each([
		[1, 3],
		[2, 5],
		[3, 4],
	])(
		'concurrency %i keeps at most that many requests in flight (%i items)',
		async (concurrency, count) => {
			const { scope, measure } = measuredChats(count, concurrency);
			const { items } = await runOne(
				ask({ concurrency }),
				Array.from({ length: count }, () => ({})),
			);
			expect(scope.isDone()).toBe(true);
			expect(items).toHaveLength(count);
			expect(measure.max).toBe(concurrency);
		},
	);

	test('the default is 5 at once', async () => {
		const { scope, measure } = measuredChats(7, 5);
		await runOne(
			ask(),
			Array.from({ length: 7 }, () => ({})),
		);
		expect(scope.isDone()).toBe(true);
		expect(measure.max).toBe(5);
	});
});

test('requestsPerMinute spaces the request starts', async () => {
	const arrivals: number[] = [];
	const scope = segmind()
		.post(CHAT_PATH)
		.times(3)
		.reply(() => {
			arrivals.push(Date.now());
			return [200, openAiAnswer()];
		});
	// When each wait is to end, as the pacer scheduled it (a late timer does not move the next).
	const scheduledEnds: number[] = [];
	pauseMock.mockImplementation(async (ms, signal) => {
		scheduledEnds.push(Date.now() + ms);
		await actualPause(ms, signal);
	});
	try {
		// 300 per minute: one start every 200 ms x 1.01 = 202 ms.
		await runOne(ask({ requestsPerMinute: 300 }), [{}, {}, {}]);
	} finally {
		pauseMock.mockImplementation(actualPause);
	}
	expect(scope.isDone()).toBe(true);
	// The first starts at once; the second and third are scheduled 202 ms apart.
	expect(scheduledEnds).toHaveLength(2);
	expect(Math.abs(scheduledEnds[1] - scheduledEnds[0] - 202)).toBeLessThanOrEqual(2);
	// And the requests really waited for their slots: none reached the API before its slot began
	// (a busy machine only makes them later; unpaced, all three arrive within a few ms).
	expect(arrivals[1]).toBeGreaterThanOrEqual(scheduledEnds[0] - 1);
	expect(arrivals[2]).toBeGreaterThanOrEqual(scheduledEnds[1] - 1);
});

test('a credential without a base URL calls api.segmind.com', async () => {
	const { scope } = recordChats();
	const { items } = await runWorkflow({
		nodes: [{ parameters: ask() }],
		input: [{}],
		credentials: { apiKey: SECRET_API_KEY },
	});
	expect(scope.isDone()).toBe(true);
	expect(items[0].json.status).toBe('ok');
});
