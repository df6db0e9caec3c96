import {
	buildChatBody as buildBody,
	openAi,
	parseExtraBody,
	readBodySettings,
	type ApiFormat,
	type BodyOptions,
	type ChatTurn,
} from '../../nodes/shared/apiFormats';
import { BadInput } from '../../nodes/shared/badInput';

const buildChatBody = (apiFormat: ApiFormat, conversation: ChatTurn[], options: BodyOptions) =>
	buildBody(apiFormat, conversation, readBodySettings(apiFormat, options));

const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('named fields', () => {
	test('only messages when nothing else is set', () => {
		expect(buildChatBody(openAi, messages, {})).toEqual({ messages });
		expect(Object.keys(buildChatBody(openAi, messages, {}))).toEqual(['messages']);
	});

	test('temperature and max_tokens when set, zero included', () => {
		expect(buildChatBody(openAi, messages, { temperature: 0, maxTokens: 0 })).toEqual({
			messages,
			temperature: 0,
			max_tokens: 0,
		});
		expect(buildChatBody(openAi, messages, { temperature: 0.7, maxTokens: 256 })).toEqual({
			messages,
			temperature: 0.7,
			max_tokens: 256,
		});
	});

	test('maxTokens is sent as max_tokens, never as maxTokens', () => {
		expect(buildChatBody(openAi, messages, { maxTokens: 10 })).not.toHaveProperty('maxTokens');
	});
});

describe('extraBody', () => {
	test('a JSON string is merged into the body', () => {
		expect(buildChatBody(openAi, messages, { extraBody: '{"top_p":0.9,"stop":["END"]}' })).toEqual({
			messages,
			top_p: 0.9,
			stop: ['END'],
		});
	});

	test('an object is merged as it is', () => {
		expect(buildChatBody(openAi, messages, { extraBody: { seed: 7 } })).toEqual({ messages, seed: 7 });
	});

	test('the named fields win over it', () => {
		const extraBody = JSON.stringify({
			messages: [{ role: 'user', content: 'hijacked' }],
			temperature: 2,
			max_tokens: 9999,
		});
		expect(buildChatBody(openAi, messages, { extraBody, temperature: 0.1, maxTokens: 5 })).toEqual({
			messages,
			temperature: 0.1,
			max_tokens: 5,
		});
	});

	test('it may set temperature and max_tokens when the options are unset', () => {
		expect(buildChatBody(openAi, messages, { extraBody: '{"temperature":0.3,"max_tokens":64}' })).toEqual({
			messages,
			temperature: 0.3,
			max_tokens: 64,
		});
	});

	test.each(['', '   ', undefined, null])('nothing (%p) adds nothing', (extraBody) => {
		expect(buildChatBody(openAi, messages, { extraBody })).toEqual({ messages });
	});

	test.each([
		['invalid JSON', '{temperature: 1', /extraBody must be a JSON object, and this is not valid JSON/],
		['a JSON number', '5', /^extraBody must be a JSON object, not number/],
		['a JSON string', '"text"', /^extraBody must be a JSON object, not string/],
		['a JSON boolean', 'true', /^extraBody must be a JSON object, not boolean/],
		['a JSON array', '[{"a":1}]', /^extraBody must be a JSON object, not an array/],
		['an array', [1], /^extraBody must be a JSON object, not an array/],
		['a number', 3, /^extraBody must be a JSON object, not number/],
	])('%s is bad input naming extraBody', (_name, extraBody, message) => {
		expect(() => parseExtraBody(extraBody)).toThrow(BadInput);
		expect(() => buildChatBody(openAi, messages, { extraBody })).toThrow(message);
	});

	// The contract: "invalid JSON or a non-object is a bad-input error". JSON null is not an object.
	test('the JSON text null is a non-object, so bad input', () => {
		expect(() => parseExtraBody('null')).toThrow(BadInput);
	});
});
