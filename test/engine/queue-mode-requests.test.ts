import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { runWorkflow } from './support/runWorkflow';
import { runModel } from './support/segmindNode';
import {
	API_ROOT,
	ask,
	credentials,
	openAiAnswer,
	SECRET_API_KEY,
	segmind,
	systemError,
} from '../support/segmindNock';

// Queue mode against canned answers: which requests go where, in what order, and what each
// answer becomes. Polls are 250 ms apart (the least allowed), so the tests stay short.

const ID = 'req-0001';
const SUBMIT = '/v2/gpt-4.5-preview';
const STATUS = `/v2/requests/${ID}/status`;
const RESULT = `/v2/requests/${ID}`;
const QUEUE = { requestMode: 'queue', pollInterval: 250 };

const submitted = { request_id: ID, status: 'QUEUED' };
const credits = (value: string) => ({ 'x-remaining-credits': value });
const completed = (output: unknown) => ({ status: 'COMPLETED', request_id: ID, metrics: {}, output });

const run = async (options: INodeParameters = {}, parameters = ask({ ...QUEUE, ...options })) => {
	const result = await runWorkflow({ nodes: [{ parameters }], input: [{}], credentials: credentials() });
	expect(result.error).toBeUndefined();
	expect(result.serialized).not.toContain(SECRET_API_KEY);
	return result.items[0].json;
};


afterEach(() => nock.cleanAll());

test('submit, poll the URL built from baseUrl (never the one answered), fetch, decode: the sync item plus requestId', async () => {
	const sent: string[] = [];
	const scope = segmind()
		.post(SUBMIT, { messages: [{ role: 'user', content: 'Hello' }] })
		.reply(200, { ...submitted, status_url: 'https://elsewhere.example/steal', response_url: 'https://elsewhere.example/x' }, credits('9.5'))
		.get(STATUS)
		.reply(200, { status: 'QUEUED', request_id: ID }, credits('9.5'))
		.get(STATUS)
		.reply(200, { status: 'PROCESSING', request_id: ID })
		.get(STATUS)
		.reply(200, { status: 'COMPLETED', request_id: ID }, credits('9.25'))
		.get(RESULT)
		.reply(200, completed(JSON.stringify(openAiAnswer('Hi there'))));
	scope.on('request', (req: { method: string; path: string }) => sent.push(`${req.method} ${req.path}`));
	const elsewhere = nock('https://elsewhere.example').get(/.*/).reply(200, {});
	const json = await run({ includeRawResponse: true });
	expect(scope.isDone()).toBe(true);
	expect(elsewhere.isDone()).toBe(false);
	expect(sent).toEqual([`POST ${SUBMIT}`, `GET ${STATUS}`, `GET ${STATUS}`, `GET ${STATUS}`, `GET ${RESULT}`]);
	expect(json).toEqual({
		reply: 'Hi there',
		messages: [
			{ role: 'user', content: 'Hello' },
			{ role: 'assistant', content: 'Hi there' },
		],
		success: true,
		statusCode: 200,
		status: 'ok',
		statusMessage: 'OK',
		// The last number seen: the fetch carried none.
		remainingCredits: 9.25,
		usage: { promptTokens: 9, completionTokens: 3, totalTokens: 12 },
		finishReason: 'stop',
		model: 'gpt-4.5-preview',
		apiFormat: 'openai',
		response: openAiAnswer('Hi there'),
		requestId: ID,
	});
});

test.each([
	['a JSON string (decoded)', JSON.stringify(openAiAnswer('From a string')), 'From a string', openAiAnswer('From a string')],
	['an object (as is)', openAiAnswer('From an object'), 'From an object', openAiAnswer('From an object')],
	['a string that is not JSON (the reply text)', 'Plain words', 'Plain words', 'Plain words'],
])('output as %s', async (_name, output, reply, response) => {
	segmind()
		.post(SUBMIT)
		.reply(200, submitted)
		.get(STATUS)
		.reply(200, { status: 'COMPLETED' })
		.get(RESULT)
		.reply(200, completed(output));
	const json = await run({ includeRawResponse: true });
	expect(json).toMatchObject({ status: 'ok', reply, response, requestId: ID });
});

test.each([422, 200])('FAILED with HTTP %i: status failed, that code, the body error', async (code) => {
	segmind()
		.post(SUBMIT)
		.reply(200, submitted)
		.get(STATUS)
		.reply(code, { status: 'FAILED', request_id: ID, error: 'Model crashed' }, credits('7'));
	const json = await run();
	expect(json).toEqual({
		reply: null,
		success: false,
		statusCode: code,
		status: 'failed',
		statusMessage: 'The model failed to answer',
		remainingCredits: 7,
		error: 'Model crashed',
		usage: null,
		finishReason: null,
		model: 'gpt-4.5-preview',
		apiFormat: 'openai',
		requestId: ID,
	});
});

test('a 2xx submit without request_id: http_error "The answer carried no request id", nothing polled', async () => {
	const scope = segmind().post(SUBMIT).reply(200, { status: 'QUEUED' });
	const polls = segmind().get(/\/v2\/requests\//).reply(200, {});
	const json = await run();
	expect(scope.isDone()).toBe(true);
	expect(polls.isDone()).toBe(false);
	expect(json).toMatchObject({
		success: false,
		statusCode: 200,
		status: 'http_error',
		statusMessage: 'The answer carried no request id',
		error: expect.stringContaining('request_id'),
		requestId: null,
	});
});

test('a failed submit: its status, requestId null, nothing polled', async () => {
	segmind().post(SUBMIT).reply(406, { error: 'Not enough credits' });
	const json = await run();
	expect(json).toMatchObject({ status: 'insufficient_credits', statusCode: 406, requestId: null });
});

test('a 404 on a poll (the result expired) is not_found, with the requestId', async () => {
	segmind().post(SUBMIT).reply(200, submitted).get(STATUS).reply(404, { error: 'Request not found' });
	const json = await run();
	expect(json).toMatchObject({ status: 'not_found', statusCode: 404, error: 'Request not found', requestId: ID });
});

test('timeout runs from the submit to the fetch: a request that never completes is timeout, with its requestId', async () => {
	const polls = { count: 0 };
	segmind()
		.post(SUBMIT)
		.reply(200, submitted)
		.get(STATUS)
		.times(20)
		.reply(() => {
			polls.count++;
			return [200, { status: 'PROCESSING' }];
		});
	const json = await run({ timeout: 1200 });
	expect(json).toMatchObject({
		status: 'timeout',
		statusCode: null,
		error: 'No answer within the timeout of 1200 ms',
		requestId: ID,
	});
	// Polled every 250 ms within the 1.2 s, never past it.
	expect(polls.count).toBeGreaterThanOrEqual(1);
	expect(polls.count).toBeLessThanOrEqual(4);
});

test('polls and the fetch are retried past maxRetries (500, 429, reset, 503), never re-submitting', async () => {
	const submits = segmind().post(SUBMIT).reply(200, submitted);
	const again = segmind().post(SUBMIT).reply(200, submitted);
	const past = { 'x-rate-limit-reset-at-utc': new Date(Date.now() - 60_000).toISOString() };
	const reads = segmind()
		.get(STATUS)
		.reply(500, { error: 'boom' })
		.get(STATUS)
		.reply(429, { error: 'slow down' }, past)
		.get(STATUS)
		.replyWithError(systemError('ECONNRESET', 'socket hang up'))
		.get(STATUS)
		.reply(200, { status: 'COMPLETED' })
		.get(RESULT)
		.reply(503, { error: 'busy' })
		.get(RESULT)
		.reply(200, completed(JSON.stringify(openAiAnswer('Finally'))));
	const json = await run({ maxRetries: 0, timeout: 20_000 });
	expect(submits.isDone()).toBe(true);
	expect(reads.isDone()).toBe(true);
	expect(again.isDone()).toBe(false);
	expect(json).toMatchObject({ status: 'ok', reply: 'Finally', requestId: ID });
});

test('the submit is retried as a sync request: a 500 up to maxRetries, a reset never', async () => {
	segmind().post(SUBMIT).reply(500, { error: 'boom' }).post(SUBMIT).reply(500, { error: 'boom again' });
	expect(await run({ maxRetries: 1 })).toMatchObject({ status: 'server_error', error: 'boom again', requestId: null });
	nock.cleanAll();
	const reset = segmind().post(SUBMIT).replyWithError(systemError('ECONNRESET', 'socket hang up'));
	const second = segmind().post(SUBMIT).reply(200, submitted);
	expect(await run({ maxRetries: 2 })).toMatchObject({ status: 'network_error', requestId: null });
	expect(reset.isDone()).toBe(true);
	expect(second.isDone()).toBe(false);
});

test('Get Queued Result polls and fetches the id given, submits nothing: model null, no messages', async () => {
	const submits = segmind().post(/.*/).reply(200, submitted);
	segmind()
		.get(STATUS)
		.reply(200, { status: 'COMPLETED' }, credits('3'))
		.get(RESULT)
		.reply(200, completed(JSON.stringify(openAiAnswer('Collected'))));
	const json = await run({}, { operation: 'getResult', requestId: ID, options: { pollInterval: 250 } });
	expect(submits.isDone()).toBe(false);
	expect(json).toEqual({
		reply: 'Collected',
		success: true,
		statusCode: 200,
		status: 'ok',
		statusMessage: 'OK',
		remainingCredits: 3,
		usage: { promptTokens: 9, completionTokens: 3, totalTokens: 12 },
		finishReason: 'stop',
		model: null,
		requestId: ID,
	});
});

test('Get Queued Result with a Response Format parses the collected reply into json, or fails it as invalid_json', async () => {
	segmind()
		.get(STATUS)
		.reply(200, { status: 'COMPLETED' })
		.get(RESULT)
		.reply(200, completed(JSON.stringify(openAiAnswer('{"sky":"blue"}'))));
	const parsed = await run({}, { operation: 'getResult', requestId: ID, options: { pollInterval: 250, responseFormat: 'jsonObject' } });
	expect(parsed).toMatchObject({ status: 'ok', json: { sky: 'blue' }, requestId: ID });
	expect(parsed).not.toHaveProperty('apiFormat');

	segmind()
		.get(STATUS)
		.reply(200, { status: 'COMPLETED' })
		.get(RESULT)
		.reply(200, completed(JSON.stringify(openAiAnswer('not json'))));
	const failed = await run({}, { operation: 'getResult', requestId: ID, options: { pollInterval: 250, responseFormat: 'jsonObject' } });
	expect(failed).toMatchObject({ success: false, status: 'invalid_json', reply: 'not json', json: null, requestId: ID });
});

test('Get Queued Result with an empty requestId is bad input naming requestId; nothing is sent', async () => {
	const anything = segmind().get(/.*/).reply(200, {});
	const result = await runWorkflow({
		nodes: [{ parameters: { operation: 'getResult', requestId: '  ' } }],
		input: [{}],
		credentials: credentials(API_ROOT),
	});
	expect(result.error?.message).toMatch(/^requestId is empty/);
	expect(anything.isDone()).toBe(false);
});

test('sync mode has no requestId field', async () => {
	segmind().post('/v1/gpt-4.5-preview').reply(200, openAiAnswer());
	const json = await run({}, ask());
	expect(json).not.toHaveProperty('requestId');
});

test('a completed run whose own output says "status": "failed" is still an ok item: only the queue\'s answer decides', async () => {
	const verdict = { status: 'failed', reason: 'no face found in the target image' };
	const scope = segmind()
		.post('/v2/faceswap-v2')
		.reply(200, submitted, credits('9.5'))
		.get(STATUS)
		.reply(200, { status: 'COMPLETED', request_id: ID }, credits('9.25'))
		.get(RESULT)
		.reply(200, completed(JSON.stringify(verdict)));
	const result = await runWorkflow({
		nodes: [runModel('faceswap-v2', { prompt: 'swap' }, QUEUE)],
		input: [{}],
		credentials: credentials(),
	});
	expect(scope.isDone()).toBe(true);
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({
		success: true,
		statusCode: 200,
		status: 'ok',
		requestId: ID,
		output: verdict,
	});
});
