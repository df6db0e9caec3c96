import type { INodeParameters } from 'n8n-workflow';

import { runWorkflow, type SegmindNodeSpec } from './support/runWorkflow';
import { useEmulator } from './support/emulatorFixture';

const api = useEmulator();

const defineRoles = (onError?: SegmindNodeSpec['onError']): SegmindNodeSpec => ({
	parameters: {
		operation: 'message',
		messages: {
			values: [
				{ role: 'user', content: 'hello' },
				{ role: '={{ $json.role }}', content: '={{ $json.text }}' },
			],
		},
	},
	onError,
});

const input = [
	{ role: 'assistant', text: 'fine' },
	{ role: 'bot', text: 'oops' },
	{ role: 'user', text: '' },
];

test('stops the run before any request, naming the item and the field', async () => {
	const { error, items } = await runWorkflow({
		nodes: [defineRoles()],
		input,
		credentials: api.credentials(),
	});
	expect(items).toEqual([]);
	expect(error).toMatchObject({
		name: 'NodeOperationError',
		message: 'messages[1].role must be user, assistant or system, not "bot"',
		context: expect.objectContaining({ itemIndex: 1 }),
	});
	expect(api.emulator.log).toHaveLength(0);
});

test('bad input far down the items is found ahead of the requests, and stops them', async () => {
	// Requests take 100 ms, two at a time: reaching item 250 in turn would send 250 of them.
	api.emulator.configure({ latencyMs: 100 });
	const input = Array.from({ length: 300 }, (_, index) => ({
		role: index === 250 ? 'bot' : 'user',
		text: `item ${index}`,
	}));
	const twoAtATime = defineRoles();
	twoAtATime.parameters.options = { concurrency: 2 };
	const { error, items } = await runWorkflow({
		nodes: [twoAtATime],
		input,
		credentials: api.credentials(),
	});
	expect(items).toEqual([]);
	expect(error).toMatchObject({
		name: 'NodeOperationError',
		message: 'messages[1].role must be user, assistant or system, not "bot"',
		context: expect.objectContaining({ itemIndex: 250 }),
	});
	const sent = (await api.settledLog()).map((entry) => JSON.stringify(entry.body));
	expect(sent.length).toBeGreaterThan(0);
	expect(sent.length).toBeLessThan(100);
	expect(sent.filter((body) => body.includes('item 250'))).toEqual([]);
});

test('"Continue (regular output)" outputs {error} for bad items and processes the rest', async () => {
	const { items, error } = await runWorkflow({
		nodes: [defineRoles('continueRegularOutput')],
		input,
		credentials: api.credentials(),
	});
	expect(error).toBeUndefined();
	expect(items).toEqual([
		expect.objectContaining({
			json: expect.objectContaining({ status: 'ok' }),
			pairedItem: { item: 0 },
		}),
		{
			json: { error: 'messages[1].role must be user, assistant or system, not "bot"' },
			pairedItem: { item: 1 },
		},
		{
			json: { error: 'messages[1].content is empty: a message needs some text' },
			pairedItem: { item: 2 },
		},
	]);
	expect(api.chatRequests()).toHaveLength(1);
});

test('"Continue (using error output)" sends bad items to the error output', async () => {
	const { outputsOf } = await runWorkflow({
		nodes: [defineRoles('continueErrorOutput')],
		input,
		credentials: api.credentials(),
	});
	const [success, failure] = outputsOf('Segmind 1');
	expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	expect(failure).toEqual([
		{
			json: { error: 'messages[1].role must be user, assistant or system, not "bot"' },
			pairedItem: { item: 1 },
		},
		{
			json: { error: 'messages[1].content is empty: a message needs some text' },
			pairedItem: { item: 2 },
		},
	]);
});

test.each([
	[
		{ conversation: 'not json' },
		'messagesField must be an array of {role, content} messages or a JSON string of one, not text that is not JSON',
	],
	[
		{ conversation: { role: 'user' } },
		'messagesField must be an array of {role, content} messages or a JSON string of one, not an object',
	],
	[
		{ conversation: [{ role: 'user', content: 'a' }, 'b'] },
		'messagesField[1] must be a {role, content} object, not "b"',
	],
	[
		{ conversation: [{ role: 'user', content: 42 }] },
		'messagesField[0].content must be text, not number 42',
	],
	[{ conversation: [] }, 'messagesField is empty: the conversation needs at least one message'],
])('field mode rejects %j', async (json, message) => {
	const { error } = await runWorkflow({
		nodes: [
			{
				parameters: {
					operation: 'message',
					inputMode: 'field',
					messagesField: '={{ $json.conversation }}',
				},
			},
		],
		input: [{ conversation: [{ role: 'user', content: 'fine' }] }, json],
		credentials: api.credentials(),
	});
	expect(error).toMatchObject({
		name: 'NodeOperationError',
		message,
		context: expect.objectContaining({ itemIndex: 1 }),
	});
	expect(api.emulator.log).toHaveLength(0);
});

test('items mode: one bad item fails the whole conversation, paired to all inputs', async () => {
	const parameters: INodeParameters = { operation: 'message', inputMode: 'items' };
	const conversation = [
		{ role: 'user', content: 'hi' },
		{ role: 'user', content: { text: 'not a string' } },
		{ role: 'user', content: 'bye' },
	];
	const stopped = await runWorkflow({
		nodes: [{ parameters }],
		input: conversation,
		credentials: api.credentials(),
	});
	expect(stopped.error).toMatchObject({
		message: 'content must be text, not an object',
		context: expect.objectContaining({ itemIndex: 1 }),
	});

	const continued = await runWorkflow({
		nodes: [{ parameters, onError: 'continueRegularOutput' }],
		input: conversation,
		credentials: api.credentials(),
	});
	expect(continued.items).toEqual([
		{
			json: { error: 'content must be text, not an object' },
			pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }],
		},
	]);
	expect(api.emulator.log).toHaveLength(0);
});

test('invalid extraBody and an empty model are bad input', async () => {
	const run = (options: INodeParameters) =>
		runWorkflow({
			nodes: [
				{
					parameters: {
						operation: 'message',
						messages: { values: [{ role: 'user', content: 'x' }] },
						options,
					},
				},
			],
			input: [{}],
			credentials: api.credentials(),
		});
	expect((await run({ extraBody: '{oops' })).error?.message).toBe(
		'extraBody must be a JSON object, and this is not valid JSON',
	);
	expect((await run({ extraBody: '[1, 2]' })).error?.message).toBe(
		'extraBody must be a JSON object, not an array',
	);
	expect((await run({ model: '  ' })).error?.message).toBe(
		'model is empty: name a Segmind model slug such as gpt-4o',
	);
	expect(api.emulator.log).toHaveLength(0);
});

test('refuses to send the key over plain http to a remote host', async () => {
	const { error } = await runWorkflow({
		nodes: [{ parameters: { operation: 'getCredits' } }],
		input: [{}, {}],
		credentials: { apiKey: 'SG_plain_http_key', baseUrl: 'http://api.segmind.com' },
	});
	expect(error).toMatchObject({
		name: 'NodeOperationError',
		message: expect.stringMatching(
			/^baseUrl: refusing to send the API key over plain http:\/\/ to api\.segmind\.com/,
		),
		context: expect.objectContaining({ itemIndex: 0 }),
	});
});
