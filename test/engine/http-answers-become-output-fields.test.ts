import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { runWorkflow } from './support/runWorkflow';
import {
	anthropicAnswer,
	ask,
	CHAT_PATH,
	credentials,
	geminiAnswer,
	openAiAnswer,
	SECRET_API_KEY,
	segmind,
} from '../support/segmindNock';

type Headers = Record<string, string>;

/** Runs one item against one canned answer; no retries, so one answer is one request. */
async function answerWith(
	statusCode: number,
	body: string | object,
	headers: Headers = {},
	options: INodeParameters = {},
) {
	const scope = segmind().post(CHAT_PATH).reply(statusCode, body, headers);
	const run = await runWorkflow({
		nodes: [{ parameters: ask({ maxRetries: 0, rateLimitWait: 0, ...options }) }],
		input: [{}],
		credentials: credentials(),
	});
	expect(scope.isDone()).toBe(true);
	expect(run.error).toBeUndefined();
	expect(run.items).toHaveLength(1);
	expect(run.items[0].pairedItem).toEqual({ item: 0 });
	expect(run.serialized).not.toContain(SECRET_API_KEY);
	return run.items[0].json;
}

const CREDITS = { 'x-remaining-credits': '997.75' };

afterEach(() => nock.cleanAll());

describe('success', () => {
	test('a 200 gives every field, messages with the reply appended, and no error or response', async () => {
		const json = await answerWith(200, openAiAnswer('Hi there'), CREDITS);
		expect(json).toStrictEqual({
			reply: 'Hi there',
			messages: [
				{ role: 'user', content: 'Hello' },
				{ role: 'assistant', content: 'Hi there' },
			],
			success: true,
			statusCode: 200,
			status: 'ok',
			statusMessage: 'OK',
			remainingCredits: 997.75,
			usage: { promptTokens: 9, completionTokens: 3, totalTokens: 12 },
			finishReason: 'stop',
			model: 'gpt-4.5-preview',
			apiFormat: 'openai',
		});
	});

	test('includeRawResponse adds the body as response', async () => {
		const json = await answerWith(200, openAiAnswer(), CREDITS, { includeRawResponse: true });
		expect(json.response).toEqual(openAiAnswer());
	});

	test('includeMessages off leaves messages out', async () => {
		const json = await answerWith(200, openAiAnswer(), CREDITS, { includeMessages: false });
		expect(json).not.toHaveProperty('messages');
		expect(json.reply).toBe('Hi there');
	});

	test('any 2xx is ok', async () => {
		const json = await answerWith(201, openAiAnswer('Created'));
		expect(json).toMatchObject({
			success: true,
			statusCode: 201,
			status: 'ok',
			statusMessage: 'OK',
			reply: 'Created',
		});
		expect(json).not.toHaveProperty('error');
	});

	test('Anthropic shape: reply, usage with the total summed, stop_reason', async () => {
		const json = await answerWith(200, anthropicAnswer('Bonjour'), CREDITS);
		expect(json).toMatchObject({
			reply: 'Bonjour',
			usage: { promptTokens: 10, completionTokens: 4, totalTokens: 14 },
			finishReason: 'end_turn',
		});
	});

	test('Gemini shape: reply, usageMetadata, finishReason', async () => {
		const json = await answerWith(200, geminiAnswer('Hola'), CREDITS);
		expect(json).toMatchObject({
			reply: 'Hola',
			usage: { promptTokens: 7, completionTokens: 5, totalTokens: 12 },
			finishReason: 'STOP',
		});
	});

	test('an answer without usage or finish reason gives nulls', async () => {
		const json = await answerWith(200, { choices: [{ message: { content: 'bare' } }] });
		expect(json).toMatchObject({ reply: 'bare', usage: null, finishReason: null, success: true });
	});

	test('JSON sent with a text content type is still read', async () => {
		const json = await answerWith(200, JSON.stringify(openAiAnswer('as text')), {
			'content-type': 'text/plain',
		});
		expect(json.reply).toBe('as text');
	});
});

describe('x-remaining-credits', () => {
	test.each([
		['997.75', 997.75],
		['0', 0],
		['abc', null],
		['', null],
	])('"%s" gives %p', async (header, credits) => {
		const json = await answerWith(200, openAiAnswer(), { 'x-remaining-credits': header });
		expect(json.remainingCredits).toBe(credits);
	});

	test('absent gives null', async () => {
		const json = await answerWith(200, openAiAnswer());
		expect(json).toHaveProperty('remainingCredits', null);
	});

	test('a failed answer carries it too', async () => {
		const json = await answerWith(
			406,
			{ error: 'Not enough credits' },
			{ 'x-remaining-credits': '0' },
		);
		expect(json.remainingCredits).toBe(0);
	});
});

describe('every status of the table', () => {
	const SERVER_ERROR = 'Server had some issue with processing';
	test.each([
		[
			401,
			'unauthorized',
			'User authentication failed',
			{ error: 'Invalid API key' },
			'Invalid API key',
		],
		[
			404,
			'not_found',
			'The requested URL does not exist',
			{ error: 'Model not found' },
			'Model not found',
		],
		[
			406,
			'insufficient_credits',
			'Not enough credits',
			{ error: 'Not enough credits' },
			'Not enough credits',
		],
		[
			410,
			'gone',
			'The model has been retired',
			{ error: 'This model was retired' },
			'This model was retired',
		],
		[
			429,
			'rate_limited',
			'Too many requests',
			{ error: 'Rate limit exceeded' },
			'Rate limit exceeded',
		],
		[500, 'server_error', SERVER_ERROR, { error: 'Internal error' }, 'Internal error'],
		[502, 'server_error', SERVER_ERROR, { error: 'Bad gateway' }, 'Bad gateway'],
		[503, 'server_error', SERVER_ERROR, { error: 'Unavailable' }, 'Unavailable'],
		[504, 'server_error', SERVER_ERROR, { error: 'Gateway timeout' }, 'Gateway timeout'],
		[418, 'http_error', "I'm a Teapot", { error: 'short and stout' }, 'short and stout'],
	])('%i is %s: every field, error, and no messages', async (code, status, statusMessage, body, error) => {
		const json = await answerWith(code, body, { 'x-remaining-credits': '12.5' });
		expect(json).toStrictEqual({
			reply: null,
			success: false,
			statusCode: code,
			status,
			statusMessage,
			remainingCredits: 12.5,
			error,
			usage: null,
			finishReason: null,
			model: 'gpt-4.5-preview',
			apiFormat: 'openai',
		});
	});

	test('405 with an HTML body: error is its first 200 characters, response the HTML', async () => {
		const html = `<html><head><title>405 Not Allowed</title></head><body><center><h1>405 Not Allowed</h1></center>${'<hr>'.repeat(60)}</body></html>`;
		const json = await answerWith(
			405,
			html,
			{ 'content-type': 'text/html' },
			{ includeRawResponse: true },
		);
		expect(json).toStrictEqual({
			reply: null,
			success: false,
			statusCode: 405,
			status: 'method_not_allowed',
			statusMessage: 'The requested HTTP method is not allowed',
			remainingCredits: null,
			error: html.slice(0, 200),
			usage: null,
			finishReason: null,
			model: 'gpt-4.5-preview',
			apiFormat: 'openai',
			response: html,
		});
	});

	test('a failure with includeRawResponse carries the JSON body as response', async () => {
		const body = { error: 'Not enough credits', detail: { needed: 0.5 } };
		const json = await answerWith(406, body, {}, { includeRawResponse: true });
		expect(json.response).toEqual(body);
		expect(json).not.toHaveProperty('messages');
	});

	test('an error body that says nothing useful still leaves reply, usage and finishReason null', async () => {
		const json = await answerWith(500, openAiAnswer('should not be read'));
		expect(json).toMatchObject({ reply: null, usage: null, finishReason: null, success: false });
	});
});

describe('error bodies', () => {
	test('JSON with message and no error gives the message', async () => {
		const json = await answerWith(400, { message: 'messages must be an array' });
		expect(json).toMatchObject({
			status: 'http_error',
			statusMessage: 'Bad Request',
			error: 'messages must be an array',
		});
	});

	test('JSON with neither gives the JSON text, clipped at 200 characters', async () => {
		const body = { detail: 'x'.repeat(300) };
		const json = await answerWith(422, body);
		expect(json.error).toBe(JSON.stringify(body).slice(0, 200));
	});

	test('a text body gives its first 200 characters', async () => {
		const text = `upstream connect error or disconnect/reset before headers. ${'y'.repeat(300)}`;
		const json = await answerWith(503, text, { 'content-type': 'text/plain' });
		expect(json.error).toBe(text.slice(0, 200));
	});

	test('an empty body gives the reason phrase, and no response even with includeRawResponse', async () => {
		const json = await answerWith(404, '', {}, { includeRawResponse: true });
		expect(json).toMatchObject({ status: 'not_found', error: 'Not Found' });
		expect(json).not.toHaveProperty('response');
	});

	test('an empty body on an unknown status gives the reason phrase as both texts', async () => {
		const json = await answerWith(418, '');
		expect(json).toMatchObject({
			status: 'http_error',
			statusMessage: "I'm a Teapot",
			error: "I'm a Teapot",
		});
	});
});
