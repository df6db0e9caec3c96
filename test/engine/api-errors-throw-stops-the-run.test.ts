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
	systemError,
} from '../support/segmindNock';
import { NOT_ENOUGH_CREDITS } from '../support/expectedStatus';

const stopWithAnError = (options: INodeParameters = {}) =>
	ask({ apiErrors: 'throw', maxRetries: 0, rateLimitWait: 0, ...options });

const runStopping = async (parameters: INodeParameters, input: IDataObject[] = [{}]) => {
	const run = await runWorkflow({ nodes: [{ parameters }], input, credentials: credentials() });
	expect(run.items).toEqual([]);
	expect(run.serialized).not.toContain(SECRET_API_KEY);
	return run.error;
};

afterEach(() => {
	nock.abortPendingRequests();
	nock.cleanAll();
});

test('406: NodeApiError "Not enough credits [insufficient_credits]" with status, credits and text', async () => {
	segmind()
		.post(CHAT_PATH)
		.reply(406, { error: 'Not enough credits' }, { 'x-remaining-credits': '0' });
	const error = await runStopping(stopWithAnError());
	expect(error).toMatchObject({
		name: 'NodeApiError',
		message: 'Not enough credits [insufficient_credits]',
		description: 'Status code: 406. Remaining credits: 0. Not enough credits',
		httpCode: '406',
		context: expect.objectContaining({ itemIndex: 0 }),
	});
});

test.each([
	[
		500,
		{ error: 'Internal error' },
		{ 'x-remaining-credits': '999.75' },
		'Server had some issue with processing [server_error]',
		'Status code: 500. Remaining credits: 999.75. Internal error',
	],
	[
		429,
		{ error: 'Rate limit exceeded' },
		{},
		'Too many requests [rate_limited]',
		'Status code: 429. Remaining credits: unknown. Rate limit exceeded',
	],
	[
		401,
		{ error: 'Invalid API key' },
		{},
		'User authentication failed [unauthorized]',
		'Status code: 401. Remaining credits: unknown. Invalid API key',
	],
	[
		418,
		'',
		{},
		"I'm a Teapot [http_error]",
		"Status code: 418. Remaining credits: unknown. I'm a Teapot",
	],
])(
	'%i: message and description as the contract words them',
	async (code, body, headers, message, description) => {
		segmind().post(CHAT_PATH).reply(code, body, headers);
		const error = await runStopping(stopWithAnError());
		expect(error).toMatchObject({
			name: 'NodeApiError',
			message,
			description,
			httpCode: String(code),
		});
	},
);

test('a refused connection: the message holds no system error code, the description has its text', async () => {
	segmind()
		.post(CHAT_PATH)
		.replyWithError(systemError('ECONNREFUSED', 'connect ECONNREFUSED 203.0.113.7:443'));
	const error = await runStopping(stopWithAnError());
	expect(error).toMatchObject({
		name: 'NodeApiError',
		message: 'The connection to the API failed [network_error]',
		description:
			'Status code: none. Remaining credits: unknown. connect ECONNREFUSED 203.0.113.7:443',
	});
});

test('a timeout: named in the description, in ms', async () => {
	segmind().post(CHAT_PATH).delay(3_000).reply(200, openAiAnswer());
	const error = await runStopping(stopWithAnError({ timeout: 150 }));
	expect(error).toMatchObject({
		name: 'NodeApiError',
		message: 'The request timed out [timeout]',
		description:
			'Status code: none. Remaining credits: unknown. No answer within the timeout of 150 ms',
	});
});

test('getCredits: a 404 stops with "The requested URL does not exist [not_found]"', async () => {
	segmind().get('/v1/get-user-credits').reply(404, { error: 'No credits found for the user' });
	const error = await runStopping(creditsCheck({ apiErrors: 'throw', maxRetries: 0 }));
	expect(error).toMatchObject({
		name: 'NodeApiError',
		message: 'The requested URL does not exist [not_found]',
		description: 'Status code: 404. Remaining credits: unknown. No credits found for the user',
	});
});

test('a success under Stop With an Error is an ordinary item', async () => {
	segmind().post(CHAT_PATH).reply(200, openAiAnswer('fine'));
	const { items, error } = await runWorkflow({
		nodes: [{ parameters: stopWithAnError() }],
		input: [{}],
		credentials: credentials(),
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ success: true, reply: 'fine' });
});

test('the failed item stops the run: no later item is sent, and the error names its index', async () => {
	const chat = (content: string) =>
		segmind().post(CHAT_PATH, { messages: [{ role: 'user', content }] });
	const first = chat('a').reply(200, openAiAnswer());
	const second = chat('b').reply(406, { error: 'Not enough credits' });
	const third = chat('c').reply(200, openAiAnswer());
	const error = await runStopping(
		ask({ apiErrors: 'throw', maxRetries: 0, concurrency: 1 }, '={{ $json.q }}'),
		[{ q: 'a' }, { q: 'b' }, { q: 'c' }],
	);
	expect(first.isDone() && second.isDone()).toBe(true);
	expect(third.isDone()).toBe(false);
	expect(error).toMatchObject({
		message: 'Not enough credits [insufficient_credits]',
		context: expect.objectContaining({ itemIndex: 1 }),
	});
});

describe('under n8n On Error settings', () => {
	const failed = () =>
		segmind()
			.post(CHAT_PATH)
			.reply(406, { error: 'Not enough credits' }, { 'x-remaining-credits': '0' });

	test('Continue (regular output): the item comes out as with apiErrors output', async () => {
		failed();
		const { items, error, serialized } = await runWorkflow({
			nodes: [{ parameters: stopWithAnError(), onError: 'continueRegularOutput' }],
			input: [{}],
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: {
					reply: null,
					...NOT_ENOUGH_CREDITS,
					usage: null,
					finishReason: null,
					model: 'gpt-4.5-preview',
					apiFormat: 'openai',
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(serialized).not.toContain(SECRET_API_KEY);
	});

	test('Continue (using error output): {error, details} on the error output', async () => {
		failed();
		const { outputsOf, error, serialized } = await runWorkflow({
			nodes: [{ name: 'Segmind', parameters: stopWithAnError(), onError: 'continueErrorOutput' }],
			input: [{}],
			credentials: credentials(),
		});
		expect(error).toBeUndefined();
		const [main, errors] = outputsOf('Segmind');
		expect(main).toEqual([]);
		expect(errors).toHaveLength(1);
		expect(errors[0].json).toEqual({
			error: 'Not enough credits [insufficient_credits]',
			details: {
				statusCode: 406,
				status: 'insufficient_credits',
				statusMessage: 'Not enough credits',
				remainingCredits: 0,
				error: 'Not enough credits',
			},
		});
		expect(serialized).not.toContain(SECRET_API_KEY);
	});
});
