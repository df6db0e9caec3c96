import { messageOutput } from '../../nodes/SegmindGpt45/actions/output';
import { creditsOutput } from '../../nodes/shared/actions';
import type { ApiOutcome } from '../../nodes/shared/client';
import { openAiAnswer } from '../support/segmindNock';
import { REFUSED_ON_PORT_1 } from '../support/expectedStatus';

const conversation = [{ role: 'user' as const, content: 'Hello' }];
const options = {
	messages: conversation,
	model: 'gpt-4o',
	apiFormat: 'openai' as const,
	jsonReply: false,
	includeMessages: true,
	includeRawResponse: true,
};

const answer = (statusCode: number, body: unknown, headers = {}): ApiOutcome => ({
	answered: true,
	statusCode,
	reasonPhrase: '',
	headers,
	body,
});

const refused: ApiOutcome = {
	answered: false,
	kind: 'network',
	code: 'ECONNREFUSED',
	message: 'connect ECONNREFUSED 127.0.0.1:1',
};

const ALWAYS = ['reply', 'success', 'statusCode', 'status', 'statusMessage', 'remainingCredits', 'usage', 'finishReason', 'model', 'apiFormat'];

describe('messageOutput', () => {
	test('success: the fields always there, messages and response; no error', () => {
		const json = messageOutput(answer(200, openAiAnswer('Yes'), { 'x-remaining-credits': '5' }), options);
		expect(Object.keys(json).sort()).toEqual([...ALWAYS, 'messages', 'response'].sort());
		expect(json.messages).toEqual([...conversation, { role: 'assistant', content: 'Yes' }]);
		expect(json.model).toBe('gpt-4o');
	});

	test('failure with a body: error and response, never messages', () => {
		const json = messageOutput(answer(406, { error: 'Not enough credits' }), options);
		expect(Object.keys(json).sort()).toEqual([...ALWAYS, 'error', 'response'].sort());
	});

	test('no answer: error, no response, no messages, nulls', () => {
		const json = messageOutput(refused, options);
		expect(Object.keys(json).sort()).toEqual([...ALWAYS, 'error'].sort());
		expect(json).toMatchObject({ reply: null, statusCode: null, remainingCredits: null, usage: null, finishReason: null });
	});

	test('the options off: neither messages nor response', () => {
		const json = messageOutput(answer(200, openAiAnswer()), {
			...options,
			includeMessages: false,
			includeRawResponse: false,
		});
		expect(Object.keys(json).sort()).toEqual([...ALWAYS].sort());
	});

	test('the conversation given is not changed by appending the reply', () => {
		const messages = [...conversation];
		messageOutput(answer(200, openAiAnswer()), { ...options, messages });
		expect(messages).toEqual(conversation);
	});
});

describe('messageOutput with a JSON reply asked for', () => {
	const asJson = { ...options, jsonReply: true, includeRawResponse: false };
	const credits = { 'x-remaining-credits': '7.5' };

	test('a JSON reply is parsed into json, next to the reply text', () => {
		const json = messageOutput(answer(200, openAiAnswer('{"colour":"red","count":2}'), credits), asJson);
		expect(Object.keys(json).sort()).toEqual([...ALWAYS, 'json', 'messages'].sort());
		expect(json).toMatchObject({
			reply: '{"colour":"red","count":2}',
			json: { colour: 'red', count: 2 },
			success: true,
			status: 'ok',
		});
	});

	test('a reply that is not JSON: invalid_json, the 2xx code, the parser message, reply kept, usage read, no messages', () => {
		const json = messageOutput(answer(200, openAiAnswer('Sure! Here it is: {"colour":'), credits), asJson);
		expect(json).toStrictEqual({
			reply: 'Sure! Here it is: {"colour":',
			json: null,
			success: false,
			statusCode: 200,
			status: 'invalid_json',
			statusMessage: 'The reply is not valid JSON',
			remainingCredits: 7.5,
			error: expect.stringMatching(/JSON/),
			usage: { promptTokens: 9, completionTokens: 3, totalTokens: 12 },
			finishReason: 'stop',
			model: 'gpt-4o',
			apiFormat: 'openai',
		});
		expect(json.error).not.toBe('');
	});

	test('a 2xx without a reply: json null, still ok', () => {
		const json = messageOutput(answer(200, { choices: [] }), asJson);
		expect(json).toMatchObject({ reply: null, json: null, success: true, status: 'ok' });
	});

	test('an API failure keeps its own status, with json null', () => {
		const json = messageOutput(answer(500, { error: 'boom' }), asJson);
		expect(json).toMatchObject({ json: null, status: 'server_error', error: 'boom' });
	});

	test('no json field when a text reply was asked for, even if the reply is JSON', () => {
		expect(messageOutput(answer(200, openAiAnswer('{"a":1}')), options)).not.toHaveProperty('json');
	});
});

describe('creditsOutput', () => {
	test('success: credits, freeCredits and their total, with the status fields', () => {
		expect(creditsOutput(answer(200, { credits: 2.5, 'free-credits': 0.25 }, { 'x-remaining-credits': '2.5' }))).toStrictEqual({
			credits: 2.5,
			freeCredits: 0.25,
			totalCredits: 2.75,
			success: true,
			statusCode: 200,
			status: 'ok',
			statusMessage: 'OK',
			remainingCredits: 2.5,
		});
	});

	test('failure: null balances and an error, even when the body has numbers', () => {
		const json = creditsOutput(answer(500, { credits: 9, 'free-credits': 1, error: 'oops' }));
		expect(json).toMatchObject({ credits: null, freeCredits: null, totalCredits: null, error: 'oops' });
	});

	test('no answer: null balances and the system text', () => {
		expect(creditsOutput(refused)).toStrictEqual({
			credits: null,
			freeCredits: null,
			totalCredits: null,
			...REFUSED_ON_PORT_1,
		});
	});
});
