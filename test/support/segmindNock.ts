import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';

export const API_ROOT = 'https://api.segmind.com';

export const CHAT_PATH = '/v1/gpt-4.5-preview';

/** A key only these tests use, to prove it never reaches an output or an error. */
export const SECRET_API_KEY = 'SG_unit_secret_key_123';

export const credentials = (baseUrl = API_ROOT) => ({ apiKey: SECRET_API_KEY, baseUrl });

/** Message-operation parameters with one user message per item. */
export const ask = (options: INodeParameters = {}, content = 'Hello'): INodeParameters => ({
	operation: 'message',
	messages: { values: [{ role: 'user', content }] },
	options,
});

export const creditsCheck = (options: INodeParameters = {}): INodeParameters => ({
	operation: 'getCredits',
	options,
});

export const openAiAnswer = (text = 'Hi there') => ({
	id: 'chatcmpl-1',
	object: 'chat.completion',
	choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
	usage: { prompt_tokens: 9, completion_tokens: 3, total_tokens: 12 },
});

export const anthropicAnswer = (text = 'Hi from Claude') => ({
	content: [{ type: 'text', text }],
	stop_reason: 'end_turn',
	usage: { input_tokens: 10, output_tokens: 4 },
});

export const geminiAnswer = (text = 'Hi from Gemini') => ({
	candidates: [{ content: { parts: [{ text }] }, finishReason: 'STOP' }],
	usageMetadata: { promptTokenCount: 7, candidatesTokenCount: 5, totalTokenCount: 12 },
});

/** An error as a system call raises it, for nock's replyWithError (nock 14 needs an Error). */
export const systemError = (code: string, message: string) =>
	Object.assign(new Error(message), { code });

/** Counts the requests a scope received, whatever they were answered with. */
export function countRequests(scope: nock.Scope) {
	const counter = { count: 0 };
	scope.on('request', () => counter.count++);
	return counter;
}

export const segmind = () => nock(API_ROOT);
