import { runWorkflow } from './support/runWorkflow';
import { useEmulator } from './support/emulatorFixture';

const api = useEmulator();

const define = (values: Array<{ role: string; content: string }>, options = {}) => ({
	operation: 'message',
	inputMode: 'define',
	messages: { values },
	options,
});

describe('define mode', () => {
	test('sends one conversation per item, expressions evaluated per item', async () => {
		const { items, error } = await runWorkflow({
			nodes: [
				{ parameters: define([{ role: 'user', content: '=Tell me about {{ $json.animal }}' }]) },
			],
			input: [{ animal: 'cats' }, { animal: 'dogs' }, { animal: 'owls' }],
			credentials: api.credentials(),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.reply)).toEqual([
			'Echo (gpt-4.5-preview, 1 messages): Tell me about cats',
			'Echo (gpt-4.5-preview, 1 messages): Tell me about dogs',
			'Echo (gpt-4.5-preview, 1 messages): Tell me about owls',
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(api.chatRequests().map((entry) => entry.body)).toEqual(
			expect.arrayContaining([{ messages: [{ role: 'user', content: 'Tell me about owls' }] }]),
		);
	});

	test('puts every contract field on a successful item', async () => {
		const { items } = await runWorkflow({
			nodes: [{ parameters: define([{ role: 'user', content: 'hello there' }]) }],
			input: [{}],
			credentials: api.credentials(),
		});
		expect(items[0].json).toEqual({
			reply: 'Echo (gpt-4.5-preview, 1 messages): hello there',
			messages: [
				{ role: 'user', content: 'hello there' },
				{ role: 'assistant', content: 'Echo (gpt-4.5-preview, 1 messages): hello there' },
			],
			success: true,
			statusCode: 200,
			status: 'ok',
			statusMessage: 'OK',
			remainingCredits: 499.75,
			usage: { promptTokens: 2, completionTokens: 6, totalTokens: 8 },
			finishReason: 'stop',
			model: 'gpt-4.5-preview',
			apiFormat: 'openai',
		});
	});

	test('prepends the system message and sends the options the user set', async () => {
		const { items } = await runWorkflow({
			nodes: [
				{
					parameters: define([{ role: 'user', content: 'one two three four five' }], {
						systemMessage: 'Be brief',
						model: 'claude-4-sonnet',
						maxTokens: 3,
						temperature: 0.2,
						extraBody: '{"top_p": 0.9, "max_tokens": 999}',
						includeRawResponse: true,
					}),
				},
			],
			input: [{}],
			credentials: api.credentials(),
		});
		expect(api.chatRequests()[0]).toMatchObject({
			path: '/v1/claude-4-sonnet',
			body: {
				top_p: 0.9,
				max_tokens: 3,
				temperature: 0.2,
				instruction: 'Be brief',
				messages: [{ role: 'user', content: 'one two three four five' }],
			},
		});
		expect(items[0].json).toMatchObject({
			reply: 'Echo (claude-4-sonnet, 2',
			finishReason: 'max_tokens',
			model: 'claude-4-sonnet',
			apiFormat: 'anthropic',
			usage: { promptTokens: 7, completionTokens: 3, totalTokens: 10 },
			response: { stop_reason: 'max_tokens' },
		});
	});

	test('reads the Gemini shape', async () => {
		const { items } = await runWorkflow({
			nodes: [
				{ parameters: define([{ role: 'user', content: 'hi' }], { model: 'gemini-2.5-pro' }) },
			],
			input: [{}],
			credentials: api.credentials(),
		});
		expect(items[0].json).toMatchObject({
			reply: 'Echo (gemini-2.5-pro, 1 messages): hi',
			usage: { promptTokens: 1, completionTokens: 5, totalTokens: 6 },
			finishReason: 'STOP',
		});
	});
});

describe('field mode', () => {
	const field = {
		operation: 'message',
		inputMode: 'field',
		messagesField: '={{ $json.conversation }}',
	};

	test('accepts an array or a JSON string of one', async () => {
		const conversation = [
			{ role: 'system', content: 'You are terse' },
			{ role: 'user', content: 'first question' },
		];
		const { items } = await runWorkflow({
			nodes: [{ parameters: field }],
			input: [{ conversation }, { conversation: JSON.stringify(conversation) }],
			credentials: api.credentials(),
		});
		expect(items.map((item) => item.json.reply)).toEqual([
			'Echo (gpt-4.5-preview, 2 messages): first question',
			'Echo (gpt-4.5-preview, 2 messages): first question',
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test("a second node continues the first one's conversation", async () => {
		const { outputsOf } = await runWorkflow({
			nodes: [
				{
					name: 'First turn',
					parameters: define([{ role: 'user', content: '={{ $json.question }}' }]),
				},
				{
					name: 'Second turn',
					parameters: {
						operation: 'message',
						inputMode: 'field',
						messagesField:
							'={{ $json.messages.concat([{ role: "user", content: "and now dogs" }]) }}',
					},
				},
			],
			input: [{ question: 'a joke on cats' }],
			credentials: api.credentials(),
		});
		const [second] = outputsOf('Second turn')[0];
		expect(second.json.reply).toBe('Echo (gpt-4.5-preview, 3 messages): and now dogs');
		expect(second.json.messages).toEqual([
			{ role: 'user', content: 'a joke on cats' },
			{ role: 'assistant', content: 'Echo (gpt-4.5-preview, 1 messages): a joke on cats' },
			{ role: 'user', content: 'and now dogs' },
			{ role: 'assistant', content: 'Echo (gpt-4.5-preview, 3 messages): and now dogs' },
		]);
		expect(second.pairedItem).toEqual({ item: 0 });
	});
});

describe('items mode', () => {
	test('makes one request of all items, paired to every input', async () => {
		const { items } = await runWorkflow({
			nodes: [
				{
					parameters: {
						operation: 'message',
						inputMode: 'items',
						roleField: 'speaker',
						contentField: 'said.text',
					},
				},
			],
			input: [
				{ speaker: 'system', said: { text: 'Answer in French' } },
				{ speaker: 'user', said: { text: 'Hello' } },
				{ speaker: 'assistant', said: { text: 'Bonjour' } },
				{ speaker: 'user', said: { text: 'How are you' } },
			],
			credentials: api.credentials(),
		});
		expect(api.chatRequests()).toHaveLength(1);
		expect(items).toHaveLength(1);
		expect(items[0].json.reply).toBe('Echo (gpt-4.5-preview, 4 messages): How are you');
		expect(items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
	});
});
