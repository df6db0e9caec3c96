// The Segmind Chat Model as n8n's AI nodes use it: the model supplied through n8n-core's own
// SupplyDataContext, its requests answered by nock.
import type { Message, Tool } from '@n8n/ai-node-sdk';
import type { INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import nock from 'nock';

import {
	anthropicAnswer,
	credentials,
	geminiAnswer,
	openAiAnswer,
	SECRET_API_KEY,
	segmind,
	systemError,
} from '../support/segmindNock';
import { supplyChatModel } from './support/supplyChatModel';

const GPT = '/v1/gpt-4o';

const model = (options: INodeParameters = {}, slug = 'gpt-4o') =>
	supplyChatModel({ model: slug, options }, credentials());

const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });

/** Records each request body the scope receives (GETs have none). */
function bodies(scope: nock.Scope) {
	const seen: unknown[] = [];
	scope.on('request', (_request, _interceptor, body: string) => {
		if (body) seen.push(JSON.parse(body));
	});
	return seen;
}

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	nock.enableNetConnect();
});

describe('generate', () => {
	test('in queue mode: submits to /v2, polls the status URL built from the base URL, fetches and reads the decoded answer', async () => {
		const id = 'req-chat-1';
		const scope = segmind()
			.post('/v2/gpt-4o')
			.reply(200, { request_id: id, status: 'QUEUED', status_url: 'https://elsewhere.example/status' })
			.get(`/v2/requests/${id}/status`)
			.reply(200, { status: 'PROCESSING' })
			.get(`/v2/requests/${id}/status`)
			.reply(200, { status: 'COMPLETED' })
			.get(`/v2/requests/${id}`)
			.reply(200, { status: 'COMPLETED', output: JSON.stringify(openAiAnswer('Queued hello')) });
		const sent = bodies(scope);
		const { chatModel } = await model({ requestMode: 'queue', pollInterval: 250 });
		const result = await chatModel.generate([user('Hello')]);
		expect(sent).toEqual([{ messages: [{ role: 'user', content: 'Hello' }] }]);
		expect(result.message).toEqual({ role: 'assistant', content: [{ type: 'text', text: 'Queued hello' }] });
		expect(result.usage).toEqual({ promptTokens: 9, completionTokens: 3, totalTokens: 12 });
		expect(scope.isDone()).toBe(true);
	});

	test('in queue mode, a FAILED answer raises the failed status as the Segmind node words it', async () => {
		const id = 'req-chat-2';
		segmind()
			.post('/v2/gpt-4o')
			.reply(200, { request_id: id, status: 'QUEUED' })
			.get(`/v2/requests/${id}/status`)
			.reply(422, { status: 'FAILED', error: 'The model could not answer' });
		const { chatModel } = await model({ requestMode: 'queue', pollInterval: 250 });
		await expect(chatModel.generate([user('Hello')])).rejects.toMatchObject({
			message: 'The model failed to answer [failed]',
			description: 'Status code: 422. Remaining credits: unknown. The model could not answer',
		});
	});

	test('sends the conversation in the OpenAI format with the options, and reads the reply, usage and finish reason', async () => {
		const scope = segmind().post(GPT).reply(200, openAiAnswer('Hi there'));
		const sent = bodies(scope);
		const { chatModel } = await model({
			temperature: 0.2,
			maxTokens: 50,
			extraBody: '{"top_p": 0.9, "temperature": 1.5}',
		});
		const result = await chatModel.generate([
			{ role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
			user('Hello'),
		]);
		expect(sent).toEqual([
			{
				top_p: 0.9,
				messages: [
					{ role: 'system', content: 'Be brief.' },
					{ role: 'user', content: 'Hello' },
				],
				temperature: 0.2,
				max_tokens: 50,
			},
		]);
		expect(result).toEqual({
			id: 'chatcmpl-1',
			finishReason: 'stop',
			usage: { promptTokens: 9, completionTokens: 3, totalTokens: 12 },
			message: { role: 'assistant', content: [{ type: 'text', text: 'Hi there' }] },
			rawResponse: openAiAnswer('Hi there'),
		});
		expect(scope.isDone()).toBe(true);
	});

	test.each([
		[
			'anthropic',
			anthropicAnswer('Hi from Claude'),
			'Hi from Claude',
			{ promptTokens: 10, completionTokens: 4, totalTokens: 14 },
		],
		[
			'gemini',
			geminiAnswer('Hi from Gemini'),
			'Hi from Gemini',
			{ promptTokens: 7, completionTokens: 5, totalTokens: 12 },
		],
	])(
		'reads a %s answer: its text, usage and finish reason',
		async (_apiFormat, answer, text, usage) => {
			segmind().post(GPT).reply(200, answer);
			const { chatModel } = await model();
			const result = await chatModel.generate([user('Hello')]);
			expect(result).toMatchObject({
				finishReason: 'stop',
				usage,
				message: { content: [{ type: 'text', text }] },
			});
		},
	);

	test.each([
		['length', 'length'],
		['content_filter', 'content-filter'],
		['something_new', 'other'],
	])("maps the finish reason %s to n8n's %s", async (reason, expected) => {
		segmind()
			.post(GPT)
			.reply(200, {
				choices: [{ message: { role: 'assistant', content: 'Hi' }, finish_reason: reason }],
			});
		const { chatModel } = await model();
		expect((await chatModel.generate([user('Hello')])).finishReason).toBe(expected);
	});

	test('reports no usage when the answer has none, so n8n estimates it', async () => {
		segmind()
			.post(GPT)
			.reply(200, {
				choices: [{ message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
			});
		const { chatModel } = await model();
		expect((await chatModel.generate([user('Hello')])).usage).toBeUndefined();
	});

	test('retries a 500 within maxRetries, then reads the answer', async () => {
		const scope = segmind()
			.post(GPT)
			.reply(500, { error: 'busy' })
			.post(GPT)
			.reply(200, openAiAnswer());
		const { chatModel } = await model({ maxRetries: 1 });
		const result = await chatModel.generate([user('Hello')]);
		expect(result.message.content).toEqual([{ type: 'text', text: 'Hi there' }]);
		expect(scope.isDone()).toBe(true);
	});

	test('stream gives the answer in one piece, then the finish with its usage', async () => {
		segmind().post(GPT).reply(200, openAiAnswer('Hi there'));
		const { chatModel } = await model();
		const chunks = [];
		for await (const chunk of chatModel.stream([user('Hello')])) chunks.push(chunk);
		expect(chunks).toEqual([
			{ type: 'text-delta', delta: 'Hi there' },
			{
				type: 'finish',
				finishReason: 'stop',
				usage: { promptTokens: 9, completionTokens: 3, totalTokens: 12 },
			},
		]);
	});
});

describe('tools', () => {
	const calculator: Tool = {
		type: 'function',
		name: 'Calculator',
		description: 'Evaluates a math expression',
		inputSchema: {
			$schema: 'http://json-schema.org/draft-07/schema#',
			type: 'object',
			properties: { input: { type: 'string' } },
		},
	};

	const toolCallAnswer = (calls: object[], id: string | null = 'chatcmpl-7') => ({
		...(id !== null && { id }),
		choices: [
			{
				message: { role: 'assistant', content: null, tool_calls: calls },
				finish_reason: 'tool_calls',
			},
		],
		usage: { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 },
	});

	const calculatorCallAnswer = toolCallAnswer([
		{
			id: 'call_abc',
			type: 'function',
			function: { name: 'Calculator', arguments: '{"input":"6*7"}' },
		},
	]);

	test('sends the tools as OpenAI functions and reads the tool calls back', async () => {
		const scope = segmind().post(GPT).reply(200, calculatorCallAnswer);
		const sent = bodies(scope);
		const { chatModel } = await model();
		const result = await chatModel.withTools([calculator]).generate([user('What is 6*7?')]);
		expect(sent[0]).toEqual({
			messages: [{ role: 'user', content: 'What is 6*7?' }],
			tools: [
				{
					type: 'function',
					function: {
						name: 'Calculator',
						description: 'Evaluates a math expression',
						parameters: { type: 'object', properties: { input: { type: 'string' } } },
					},
				},
			],
		});
		expect(result).toMatchObject({
			finishReason: 'tool-calls',
			usage: { promptTokens: 20, completionTokens: 5, totalTokens: 25 },
			message: {
				role: 'assistant',
				content: [
					{
						type: 'tool-call',
						toolCallId: 'call_abc',
						toolName: 'Calculator',
						input: '{"input":"6*7"}',
					},
				],
			},
		});
	});

	test('makes an id for a call without one, the same for the same answer, different per answer and call', async () => {
		const calls = [
			{ type: 'function', function: { name: 'Calculator', arguments: { input: '1+1' } } },
			{ type: 'function', function: { name: 'Calculator', arguments: '{"input":"2+2"}' } },
		];
		segmind().post(GPT).times(2).reply(200, toolCallAnswer(calls, 'chatcmpl-7'));
		segmind().post(GPT).reply(200, toolCallAnswer(calls, null));
		const { chatModel } = await model();
		const withTools = chatModel.withTools([calculator]);
		const ids = async () =>
			(await withTools.generate([user('Add')])).message.content.map((part) =>
				part.type === 'tool-call' ? [part.toolCallId, part.input] : [part.type],
			);
		const first = await ids();
		expect(first).toEqual([
			['call_chatcmpl-7_0', '{"input":"1+1"}'],
			['call_chatcmpl-7_1', '{"input":"2+2"}'],
		]);
		expect(await ids()).toEqual(first);
		// No answer id: the turn (messages so far) stands in for it.
		expect((await ids()).map(([id]) => id)).toEqual(['call_turn1_0', 'call_turn1_1']);
	});

	test('sends the tool round trip back in OpenAI form: assistant tool_calls, then tool results', async () => {
		const scope = segmind().post(GPT).reply(200, openAiAnswer('6*7 is 42'));
		const sent = bodies(scope);
		const { chatModel } = await model();
		const result = await chatModel.withTools([calculator]).generate([
			user('What is 6*7?'),
			{
				role: 'assistant',
				content: [
					{
						type: 'tool-call',
						toolCallId: 'call_abc',
						toolName: 'Calculator',
						input: '{"input":"6*7"}',
					},
				],
			},
			{
				role: 'tool',
				content: [{ type: 'tool-result', toolCallId: 'call_abc', result: '[{"response":"42"}]' }],
			},
			{
				role: 'tool',
				content: [{ type: 'tool-result', toolCallId: 'call_def', result: { value: 1 } }],
			},
		]);
		expect((sent[0] as { messages: unknown }).messages).toEqual([
			{ role: 'user', content: 'What is 6*7?' },
			{
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: 'call_abc',
						type: 'function',
						function: { name: 'Calculator', arguments: '{"input":"6*7"}' },
					},
				],
			},
			{ role: 'tool', tool_call_id: 'call_abc', content: '[{"response":"42"}]' },
			{ role: 'tool', tool_call_id: 'call_def', content: '{"value":1}' },
		]);
		expect(result.message.content).toEqual([{ type: 'text', text: '6*7 is 42' }]);
	});

	test('through n8n’s LangChain adapter: bound tools come back as tool_calls, usage as usage_metadata', async () => {
		segmind().post(GPT).reply(200, calculatorCallAnswer);
		const supplied = await model();
		const bound = (
			supplied as unknown as { bindTools(tools: object[]): typeof supplied }
		).bindTools([
			{
				name: 'Calculator',
				description: 'Evaluates a math expression',
				schema: calculator.inputSchema,
			},
		]);
		const message = await bound.invoke('What is 6*7?');
		expect(message.tool_calls).toEqual([
			{ type: 'tool_call', id: 'call_abc', name: 'Calculator', args: { input: '6*7' } },
		]);
		expect(message.usage_metadata).toMatchObject({
			input_tokens: 20,
			output_tokens: 5,
			total_tokens: 25,
		});
	});
});

describe('failures raise the Segmind node’s Stop With an Error error, never with the key', () => {
	const failureOf = async (promise: Promise<unknown>) => {
		const error = await promise.then(
			() => undefined,
			(thrown: unknown) => thrown,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(SECRET_API_KEY);
		const { message, description, httpCode } = error as NodeApiError;
		return { message, description, httpCode };
	};

	test.each([
		[401, 'User authentication failed [unauthorized]'],
		[404, 'The requested URL does not exist [not_found]'],
		[405, 'The requested HTTP method is not allowed [method_not_allowed]'],
		[406, 'Not enough credits [insufficient_credits]'],
		[410, 'The model has been retired [gone]'],
		[429, 'Too many requests [rate_limited]'],
		[500, 'Server had some issue with processing [server_error]'],
		[502, 'Server had some issue with processing [server_error]'],
		[503, 'Server had some issue with processing [server_error]'],
		[504, 'Server had some issue with processing [server_error]'],
		[418, "I'm a Teapot [http_error]"],
	])('%i: %s', async (statusCode, message) => {
		segmind()
			.post(GPT)
			.reply(statusCode, { error: 'the API said no' }, { 'x-remaining-credits': '12.5' });
		const { chatModel } = await model({ maxRetries: 0, rateLimitWait: 0 });
		expect(await failureOf(chatModel.generate([user('Hello')]))).toEqual({
			message,
			description: `Status code: ${statusCode}. Remaining credits: 12.5. the API said no`,
			httpCode: String(statusCode),
		});
	});

	test('a refused connection: network_error', async () => {
		segmind()
			.post(GPT)
			.replyWithError(systemError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443'));
		const { chatModel } = await model({ maxRetries: 0 });
		expect(await failureOf(chatModel.generate([user('Hello')]))).toMatchObject({
			message: 'The connection to the API failed [network_error]',
			description:
				'Status code: none. Remaining credits: unknown. connect ECONNREFUSED 10.0.0.1:443',
		});
	});

	test('no answer within the timeout: timeout', async () => {
		segmind().post(GPT).delay(500).reply(200, openAiAnswer());
		const { chatModel } = await model({ timeout: 50 });
		expect(await failureOf(chatModel.generate([user('Hello')]))).toMatchObject({
			message: 'The request timed out [timeout]',
			description:
				'Status code: none. Remaining credits: unknown. No answer within the timeout of 50 ms',
		});
	});
});

describe('bad input stops the model before any request', () => {
	test.each([
		[
			'an empty model',
			{ model: ' ', options: {} },
			'model is empty: name a Segmind model slug such as gpt-4o',
		],
		[
			'extraBody that is not JSON',
			{ model: 'gpt-4o', options: { extraBody: '{nope' } },
			'extraBody must be a JSON object, and this is not valid JSON',
		],
		[
			'an apiFormat it does not know',
			{ model: 'gpt-4o', options: { apiFormat: 'cohere' } },
			'apiFormat must be auto, openai, anthropic, gemini, not "cohere"',
		],
	])('%s', async (_name, parameters, message) => {
		await expect(supplyChatModel(parameters, credentials())).rejects.toThrow(message);
	});

	test('a key that would go over plain http to another host', async () => {
		await expect(
			supplyChatModel({ model: 'gpt-4o', options: {} }, credentials('http://api.example.com')),
		).rejects.toThrow(/refusing to send the API key over plain http:\/\/ to api\.example\.com/);
	});
});
