import type { IDataObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { runWorkflow } from './support/runWorkflow';
import {
	ask,
	CHAT_PATH,
	creditsCheck,
	credentials,
	openAiAnswer,
	SECRET_API_KEY,
	segmind,
} from '../support/segmindNock';

const PLAIN_HTTP_REFUSAL =
	'baseUrl: refusing to send the API key over plain http:// to api.segmind.com; use https:// (plain http is allowed only for localhost, 127.x.x.x and ::1)';

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	nock.enableNetConnect();
});

describe('a key that would go over plain http to a remote host', () => {
	/** Catches any request to the plain-http host: none may be made. */
	const plainHost = () =>
		nock('http://api.segmind.com').post(/.*/).reply(200, openAiAnswer()).get(/.*/).reply(200, {});

	test.each([
		['message', ask()],
		['getCredits', creditsCheck()],
	])('%s: a NodeOperationError naming baseUrl, and no request', async (_operation, parameters) => {
		const plain = plainHost();
		const { items, error, serialized } = await runWorkflow({
			nodes: [{ parameters: { ...parameters, options: { apiErrors: 'output' } } }],
			input: [{}, {}],
			credentials: credentials('http://api.segmind.com'),
		});
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: PLAIN_HTTP_REFUSAL,
			context: expect.objectContaining({ itemIndex: 0 }),
		});
		expect(items).toEqual([]);
		expect(plain.pendingMocks()).toHaveLength(2);
		expect(serialized).not.toContain(SECRET_API_KEY);
	});

	test('under Continue (regular output) each input item gets an {error} item, and no request', async () => {
		const plain = plainHost();
		const { items, error, serialized } = await runWorkflow({
			nodes: [{ parameters: ask(), onError: 'continueRegularOutput' }],
			input: [{}, {}],
			credentials: credentials('http://api.segmind.com'),
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { error: PLAIN_HTTP_REFUSAL }, pairedItem: { item: 0 } },
			{ json: { error: PLAIN_HTTP_REFUSAL }, pairedItem: { item: 1 } },
		]);
		expect(plain.pendingMocks()).toHaveLength(2);
		expect(serialized).not.toContain(SECRET_API_KEY);
	});

	test('under Continue (using error output) the {error} items go to the error output', async () => {
		const { outputsOf, error, serialized } = await runWorkflow({
			nodes: [{ name: 'Segmind', parameters: ask(), onError: 'continueErrorOutput' }],
			input: [{}],
			credentials: credentials('http://api.segmind.com'),
		});
		expect(error).toBeUndefined();
		const [main, errors] = outputsOf('Segmind');
		expect(main).toEqual([]);
		expect(errors.map((item) => item.json)).toEqual([{ error: PLAIN_HTTP_REFUSAL }]);
		expect(serialized).not.toContain(SECRET_API_KEY);
	});
});

describe('other bad input is refused before anything is sent, whatever apiErrors says', () => {
	const run = async (
		parameters: INodeParameters,
		input: IDataObject[],
		onError?: 'continueRegularOutput',
	) => {
		const result = await runWorkflow({
			nodes: [{ parameters, onError }],
			input,
			credentials: credentials(),
		});
		expect(result.serialized).not.toContain(SECRET_API_KEY);
		return result;
	};

	test('an unknown role in define mode names messages[0].role and the item', async () => {
		const { error } = await run(
			{
				operation: 'message',
				messages: { values: [{ role: '={{ $json.role }}', content: 'hi' }] },
				options: {},
			},
			[{ role: 'user' }, { role: 'robot' }],
		);
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: 'messages[0].role must be user, assistant or system, not "robot"',
			context: expect.objectContaining({ itemIndex: 1 }),
		});
	});

	test('field mode names messagesField[1].role; under Continue the other items are sent', async () => {
		const scope = segmind().post(CHAT_PATH).reply(200, openAiAnswer());
		const good = [{ role: 'user', content: 'fine' }];
		const bad = [
			{ role: 'user', content: 'fine' },
			{ role: 'bot', content: 'no' },
		];
		const { items, error } = await run(
			{
				operation: 'message',
				inputMode: 'field',
				messagesField: '={{ $json.messages }}',
				options: {},
			},
			[{ messages: bad }, { messages: good }],
			'continueRegularOutput',
		);
		expect(error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
		expect(items[0]).toEqual({
			json: { error: 'messagesField[1].role must be user, assistant or system, not "bot"' },
			pairedItem: { item: 0 },
		});
		expect(items[1].json).toMatchObject({ status: 'ok', reply: 'Hi there' });
	});

	test('invalid extraBody is bad input even with apiErrors output, and nothing is sent', async () => {
		const scope = segmind().post(CHAT_PATH).reply(200, openAiAnswer());
		const { error } = await run(ask({ extraBody: '{not json', apiErrors: 'output' }), [{}]);
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringMatching(/^extraBody must be a JSON object/),
		});
		expect(scope.isDone()).toBe(false);
	});

	test('items mode: one bad item fails the conversation, naming its field and item, paired to all', async () => {
		const scope = segmind().post(CHAT_PATH).reply(200, openAiAnswer());
		const input = [
			{ role: 'user', text: 'first' },
			{ role: 'assistant', text: '' },
		];
		const parameters = {
			operation: 'message',
			inputMode: 'items',
			contentField: 'text',
			options: {},
		};
		const stopped = await run(parameters, input);
		expect(stopped.error).toMatchObject({
			message: 'text is empty: a message needs some text',
			context: expect.objectContaining({ itemIndex: 1 }),
		});
		const continued = await run(parameters, input, 'continueRegularOutput');
		expect(continued.items).toEqual([
			{
				json: { error: 'text is empty: a message needs some text' },
				pairedItem: [{ item: 0 }, { item: 1 }],
			},
		]);
		expect(scope.isDone()).toBe(false);
	});
});
