import { readFinishReason, readReply, readUsage } from '../../nodes/shared/apiFormats';
import { parseBody, readRemainingCredits } from '../../nodes/shared/client';
import { anthropicAnswer, geminiAnswer, openAiAnswer } from '../support/segmindNock';

describe('the three provider shapes', () => {
	test('OpenAI: choices[0].message.content, usage, finish_reason', () => {
		const body = openAiAnswer('Hello from GPT');
		expect(readReply(body)).toBe('Hello from GPT');
		expect(readUsage(body)).toEqual({ promptTokens: 9, completionTokens: 3, totalTokens: 12 });
		expect(readFinishReason(body)).toBe('stop');
	});

	test('OpenAI without id, object or created is still read', () => {
		const body = { choices: [{ message: { content: 'bare' }, finish_reason: 'length' }] };
		expect(readReply(body)).toBe('bare');
		expect(readFinishReason(body)).toBe('length');
		expect(readUsage(body)).toBeNull();
	});

	test('Anthropic: content[0].text, stop_reason, and the total is the sum of input and output', () => {
		const body = anthropicAnswer('Hello from Claude');
		expect(readReply(body)).toBe('Hello from Claude');
		expect(readUsage(body)).toEqual({ promptTokens: 10, completionTokens: 4, totalTokens: 14 });
		expect(readFinishReason(body)).toBe('end_turn');
	});

	test('Gemini: candidates[0].content.parts[0].text, usageMetadata, finishReason', () => {
		const body = geminiAnswer('Hello from Gemini');
		expect(readReply(body)).toBe('Hello from Gemini');
		expect(readUsage(body)).toEqual({ promptTokens: 7, completionTokens: 5, totalTokens: 12 });
		expect(readFinishReason(body)).toBe('STOP');
	});

	test('the provider values are kept as they are, never translated', () => {
		expect(readFinishReason({ content: [{ text: 'x' }], stop_reason: 'max_tokens' })).toBe(
			'max_tokens',
		);
		expect(
			readFinishReason({ candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'SAFETY' }] }),
		).toBe('SAFETY');
	});

	test('an empty reply string is a reply, not a missing one', () => {
		expect(readReply(openAiAnswer(''))).toBe('');
	});
});

describe('absent values are null', () => {
	test.each([
		['no body', undefined],
		['null', null],
		['text', 'plain text'],
		['an array', [1, 2]],
		['an object of another shape', { result: 'x' }],
		['empty choices', { choices: [] }],
		['a null content', { choices: [{ message: { content: null } }] }],
	])('%s: reply, usage and finishReason are null', (_name, body) => {
		expect(readReply(body)).toBeNull();
		expect(readUsage(body)).toBeNull();
		expect(readFinishReason(body)).toBeNull();
	});

	test('Anthropic with only input_tokens totals what it has', () => {
		expect(readUsage({ usage: { input_tokens: 5 } })).toEqual({
			promptTokens: 5,
			completionTokens: null,
			totalTokens: 5,
		});
	});

	test('OpenAI usage fields that are not numbers are null', () => {
		expect(readUsage({ usage: { prompt_tokens: '9', completion_tokens: 3 } })).toEqual({
			promptTokens: null,
			completionTokens: 3,
			totalTokens: null,
		});
	});
});

describe('x-remaining-credits', () => {
	test.each([
		['997.75', 997.75],
		['0', 0],
		['0.0184921035', 0.0184921035],
		[' 12 ', 12],
		['-3.5', -3.5],
	])('"%s" is %d', (header, credits) => {
		expect(readRemainingCredits({ 'x-remaining-credits': header })).toBe(credits);
	});

	test.each([
		['not a number', 'abc'],
		['empty', ''],
		['blank', '   '],
		['Infinity', 'Infinity'],
		['NaN', 'NaN'],
	])('%s ("%s") is null', (_name, header) => {
		expect(readRemainingCredits({ 'x-remaining-credits': header })).toBeNull();
	});

	test('absent is null', () => {
		expect(readRemainingCredits({})).toBeNull();
		expect(readRemainingCredits({ 'x-other': '5' })).toBeNull();
	});

	test('a repeated header uses its first value', () => {
		expect(readRemainingCredits({ 'x-remaining-credits': ['12.5', '11'] })).toBe(12.5);
	});
});

describe('parseBody', () => {
	test('JSON text becomes JSON, other text stays text, objects stay as they are', () => {
		expect(parseBody('{"a":1}')).toEqual({ a: 1 });
		expect(parseBody('<html></html>')).toBe('<html></html>');
		const body = { a: 1 };
		expect(parseBody(body)).toBe(body);
		expect(parseBody(undefined)).toBeUndefined();
	});
});
