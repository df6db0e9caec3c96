import type { INodeParameters } from 'n8n-workflow';

import { NO_CREDITS_API_KEY } from '../../emulator/server';
import { runWorkflow, type SegmindNodeSpec } from './support/runWorkflow';
import { useEmulator } from './support/emulatorFixture';
import { NOT_ENOUGH_CREDITS, REFUSED_ON_PORT_1 } from '../support/expectedStatus';

const api = useEmulator();

const ask = (options: INodeParameters = {}): INodeParameters => ({
	operation: 'message',
	messages: { values: [{ role: 'user', content: '={{ $json.question }}' }] },
	options,
});

// The second item asks the emulator to answer 500; the others succeed. One at a time, so the
// balance each answer reports is known.
const mixedInput = [
	{ question: 'first' },
	{ question: 'second #emulate:500' },
	{ question: 'third' },
];

const runMixed = (spec: Partial<SegmindNodeSpec>, options: INodeParameters = {}) =>
	runWorkflow({
		nodes: [{ parameters: ask({ maxRetries: 0, concurrency: 1, ...options }), ...spec }],
		input: mixedInput,
		credentials: api.credentials(),
	});

const failedItem = {
	reply: null,
	success: false,
	statusCode: 500,
	status: 'server_error',
	statusMessage: 'Server had some issue with processing',
	remainingCredits: 499.75,
	error: expect.any(String),
	usage: null,
	finishReason: null,
	model: 'gpt-4.5-preview',
	apiFormat: 'openai',
};

test('by default a failed request is an ordinary item with its status, in input order', async () => {
	const { items, error } = await runMixed({});
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.status)).toEqual(['ok', 'server_error', 'ok']);
	expect(items[1]).toEqual({ json: failedItem, pairedItem: { item: 1 } });
	expect(items[1].json).not.toHaveProperty('messages');
});

test('not enough credits comes out as insufficient_credits with the balance', async () => {
	const { items } = await runWorkflow({
		nodes: [{ parameters: ask() }],
		input: [{ question: 'anything' }],
		credentials: api.credentials(NO_CREDITS_API_KEY),
	});
	expect(items[0].json).toMatchObject(NOT_ENOUGH_CREDITS);
	// A 406 is never retried.
	expect(api.chatRequests()).toHaveLength(1);
});

test('"Stop With an Error" raises a NodeApiError for the failed item', async () => {
	const { error, items } = await runMixed({}, { apiErrors: 'throw' });
	expect(items).toEqual([]);
	expect(error).toMatchObject({
		name: 'NodeApiError',
		message: 'Server had some issue with processing [server_error]',
		description: expect.stringMatching(/^Status code: 500\. Remaining credits: 499\.75\. /),
		context: expect.objectContaining({ itemIndex: 1 }),
	});
	// It stops sending: the third item never went out.
	expect(api.chatRequests()).toHaveLength(2);
});

test('"Continue (regular output)" outputs the failed item as if apiErrors were output', async () => {
	const { items, error } = await runMixed(
		{ onError: 'continueRegularOutput' },
		{ apiErrors: 'throw' },
	);
	expect(error).toBeUndefined();
	expect(items.map((item) => item.json.status)).toEqual(['ok', 'server_error', 'ok']);
	expect(items[1]).toEqual({ json: failedItem, pairedItem: { item: 1 } });
});

test('"Continue (using error output)" routes the failed item to the error output', async () => {
	const { outputsOf, error } = await runMixed(
		{ onError: 'continueErrorOutput' },
		{ apiErrors: 'throw' },
	);
	expect(error).toBeUndefined();
	const [success, failure] = outputsOf('Segmind 1');
	expect(success.map((item) => item.json.reply)).toEqual([
		'Echo (gpt-4.5-preview, 1 messages): first',
		'Echo (gpt-4.5-preview, 1 messages): third',
	]);
	expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
	expect(failure).toEqual([
		{
			json: {
				error: 'Server had some issue with processing [server_error]',
				details: {
					statusCode: 500,
					status: 'server_error',
					statusMessage: 'Server had some issue with processing',
					remainingCredits: 499.75,
					error: expect.any(String),
				},
			},
			pairedItem: { item: 1 },
		},
	]);
});

test('apiErrors output under "Continue (using error output)" keeps failures on the main output', async () => {
	const { outputsOf } = await runMixed({ onError: 'continueErrorOutput' });
	const [success, failure] = outputsOf('Segmind 1');
	expect(success.map((item) => item.json.status)).toEqual(['ok', 'server_error', 'ok']);
	expect(failure ?? []).toEqual([]);
});

test('a refused connection is a network_error with the system text, retried', async () => {
	const { items } = await runWorkflow({
		nodes: [{ parameters: ask({ maxRetries: 1 }) }],
		input: [{ question: 'anyone there?' }],
		credentials: { apiKey: 'SG_whatever', baseUrl: 'http://127.0.0.1:1' },
	});
	expect(items[0].json).toMatchObject(REFUSED_ON_PORT_1);
});

test('a timed-out request is a timeout naming the ms, and is never sent twice', async () => {
	const { items } = await runWorkflow({
		nodes: [{ parameters: ask({ timeout: 300, maxRetries: 3 }) }],
		input: [{ question: 'take your time #emulate:hang' }],
		credentials: api.credentials(),
	});
	expect(items[0].json).toMatchObject({
		success: false,
		statusCode: null,
		status: 'timeout',
		statusMessage: 'The request timed out',
		error: expect.stringContaining('300 ms'),
	});
	expect(api.chatRequests()).toHaveLength(1);
});

test('a retired model is visible as gone', async () => {
	api.emulator.configure({ retiredModels: ['gpt-4.5-preview'] });
	try {
		const { items } = await runWorkflow({
			nodes: [{ parameters: ask() }],
			input: [{ question: 'still there?' }],
			credentials: api.credentials(),
		});
		expect(items[0].json).toMatchObject({
			statusCode: 410,
			status: 'gone',
			statusMessage: 'The model has been retired',
		});
	} finally {
		api.emulator.configure({ retiredModels: [] });
	}
});
