// The OpenAI format carries the tools of n8n's AI nodes: the tool round trip in its messages, the
// function tools in `tools`, and the tool calls of its answers. The other formats carry none.
import type { Message, Tool } from '@n8n/ai-node-sdk';

import { API_FORMATS, openAi, type ToolSchemaOf } from '../../nodes/shared/apiFormats';

const tools = openAi.tools!;
const text = (value: string) => ({ type: 'text' as const, text: value });
const schemaOf: ToolSchemaOf = (tool) => tool.inputSchema;

describe('which formats carry tools', () => {
	test('only OpenAI', () => {
		expect(API_FORMATS.filter((apiFormat) => apiFormat.tools !== undefined).map(({ name }) => name)).toEqual(['openai']);
	});
});

describe('toolFields: the conversation with its tool round trip', () => {
	test('text turns as role and text; an assistant turn that calls tools has tool_calls; results are tool messages', () => {
		const messages: Message[] = [
			{ role: 'system', content: [text('Be brief.')] },
			{ role: 'user', content: [text('Weather in '), text('Paris?')] },
			{ role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'weather', input: '{"city":"Paris"}' }] },
			{
				role: 'tool',
				content: [
					{ type: 'tool-result', toolCallId: 'call_1', result: 'Sunny' },
					{ type: 'tool-result', toolCallId: 'call_2', result: [text('18 '), text('degrees')] },
					{ type: 'tool-result', toolCallId: 'call_3', result: { temperature: 18 } },
				],
			},
			{ role: 'assistant', content: [text('Checking.'), { type: 'tool-call', toolCallId: 'call_4', toolName: 'time', input: '{}' }] },
			{ role: 'assistant', content: [text('Sunny, 18 degrees.')] },
		];
		expect(tools.toolFields(messages, [], schemaOf)).toStrictEqual({
			messages: [
				{ role: 'system', content: 'Be brief.' },
				{ role: 'user', content: 'Weather in Paris?' },
				{
					role: 'assistant',
					content: null,
					tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } }],
				},
				{ role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
				{ role: 'tool', tool_call_id: 'call_2', content: '18 degrees' },
				{ role: 'tool', tool_call_id: 'call_3', content: '{"temperature":18}' },
				{
					role: 'assistant',
					content: 'Checking.',
					tool_calls: [{ id: 'call_4', type: 'function', function: { name: 'time', arguments: '{}' } }],
				},
				{ role: 'assistant', content: 'Sunny, 18 degrees.' },
			],
		});
	});

	test('function tools as OpenAI functions, without $schema; provider tools left out', () => {
		const given: Tool[] = [
			{
				type: 'function',
				name: 'weather',
				description: 'The weather in a city',
				inputSchema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { city: { type: 'string' } } },
			},
			{ type: 'function', name: 'time', inputSchema: { type: 'object', properties: {} } },
			{ type: 'provider', name: 'web_search' },
		];
		expect(tools.toolFields([], given, schemaOf).tools).toStrictEqual([
			{
				type: 'function',
				function: { name: 'weather', description: 'The weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
			},
			{ type: 'function', function: { name: 'time', parameters: { type: 'object', properties: {} } } },
		]);
	});

	test('a schema that is not an object becomes an empty object schema', () => {
		const given: Tool[] = [{ type: 'function', name: 'ping', inputSchema: {} }];
		expect(tools.toolFields([], given, () => undefined).tools).toStrictEqual([
			{ type: 'function', function: { name: 'ping', parameters: { type: 'object', properties: {} } } },
		]);
	});

	test('no tools field without function tools', () => {
		expect(tools.toolFields([], [], schemaOf)).toStrictEqual({ messages: [] });
		expect(tools.toolFields([], [{ type: 'provider', name: 'web_search' }], schemaOf)).toStrictEqual({ messages: [] });
	});
});

describe('readToolCalls: the calls of an answer', () => {
	const answer = (calls: unknown, id?: string) => ({
		...(id !== undefined && { id }),
		choices: [{ message: { role: 'assistant', content: null, tool_calls: calls }, finish_reason: 'tool_calls' }],
	});

	test('each call with its id, name and arguments as JSON text', () => {
		const calls = [
			{ id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
			{ id: 'call_b', type: 'function', function: { name: 'time', arguments: { zone: 'UTC' } } },
			{ id: 'call_c', type: 'function', function: { name: 'ping' } },
		];
		expect(tools.readToolCalls(answer(calls), 3)).toStrictEqual([
			{ type: 'tool-call', toolCallId: 'call_a', toolName: 'weather', input: '{"city":"Paris"}' },
			{ type: 'tool-call', toolCallId: 'call_b', toolName: 'time', input: '{"zone":"UTC"}' },
			{ type: 'tool-call', toolCallId: 'call_c', toolName: 'ping', input: '{}' },
		]);
	});

	test("a call without an id gets one from the answer's id, else the turn, and its place", () => {
		const calls = [{ function: { name: 'weather', arguments: '{}' } }, { id: '', function: { name: 'time', arguments: '{}' } }];
		expect(tools.readToolCalls(answer(calls, 'chatcmpl-9'), 3).map(({ toolCallId }) => toolCallId)).toEqual(['call_chatcmpl-9_0', 'call_chatcmpl-9_1']);
		expect(tools.readToolCalls(answer(calls), 3).map(({ toolCallId }) => toolCallId)).toEqual(['call_turn3_0', 'call_turn3_1']);
	});

	test('calls without a function or a name are left out', () => {
		const calls = [null, 'call', { id: 'x' }, { function: { arguments: '{}' } }, { function: { name: '' } }, { id: 'ok', function: { name: 'ping' } }];
		expect(tools.readToolCalls(answer(calls), 1)).toStrictEqual([{ type: 'tool-call', toolCallId: 'ok', toolName: 'ping', input: '{}' }]);
	});

	test.each([
		['a text body', 'Hi'],
		['no choices', {}],
		['a reply without calls', { choices: [{ message: { role: 'assistant', content: 'Hi' } }] }],
		['tool_calls that are not a list', { choices: [{ message: { tool_calls: { id: 'x' } } }] }],
	])('%s has no calls', (_name, body) => {
		expect(tools.readToolCalls(body, 1)).toEqual([]);
	});
});
