import { createServer, type Server } from 'node:net';

import nock from 'nock';

import { runWorkflow } from './support/runWorkflow';
import {
	ask,
	CHAT_PATH,
	countRequests,
	credentials,
	openAiAnswer,
	SECRET_API_KEY,
	segmind,
	systemError,
} from '../support/segmindNock';

const NO_ANSWER_FIELDS = {
	reply: null,
	success: false,
	statusCode: null,
	remainingCredits: null,
	usage: null,
	finishReason: null,
	model: 'gpt-4.5-preview',
	apiFormat: 'openai',
};

afterEach(() => {
	nock.abortPendingRequests();
	nock.cleanAll();
	nock.enableNetConnect();
});

test('no answer within the timeout: status timeout, error naming the ms, and never sent again', async () => {
	const scope = segmind().post(CHAT_PATH).times(3).delay(3_000).reply(200, openAiAnswer());
	const attempts = countRequests(scope);
	const { items, error, serialized } = await runWorkflow({
		// Retries allowed, and a raw response asked for: neither applies to a timeout.
		nodes: [{ parameters: ask({ timeout: 150, maxRetries: 2, includeRawResponse: true }) }],
		input: [{}],
		credentials: credentials(),
	});
	expect(error).toBeUndefined();
	expect(attempts.count).toBe(1);
	expect(items[0].json).toStrictEqual({
		...NO_ANSWER_FIELDS,
		status: 'timeout',
		statusMessage: 'The request timed out',
		error: 'No answer within the timeout of 150 ms',
	});
	expect(serialized).not.toContain(SECRET_API_KEY);
});

test('a refused connection: network_error with the system text', async () => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
	const { items, error, serialized } = await runWorkflow({
		nodes: [{ parameters: ask({ maxRetries: 0, includeRawResponse: true }) }],
		input: [{}],
		credentials: credentials('http://127.0.0.1:1'),
	});
	expect(error).toBeUndefined();
	expect(items[0].json).toStrictEqual({
		...NO_ANSWER_FIELDS,
		status: 'network_error',
		statusMessage: 'The connection to the API failed',
		error: 'connect ECONNREFUSED 127.0.0.1:1',
	});
	expect(serialized).not.toContain(SECRET_API_KEY);
});

test.each([
	['a reset', 'ECONNRESET', 'read ECONNRESET'],
	['a hang-up', 'ECONNRESET', 'socket hang up'],
])('%s after connecting is network_error and is never sent again', async (_name, code, message) => {
	const scope = segmind().post(CHAT_PATH).times(3).replyWithError(systemError(code, message));
	const attempts = countRequests(scope);
	const { items, error, serialized } = await runWorkflow({
		nodes: [{ parameters: ask({ maxRetries: 2 }) }],
		input: [{}],
		credentials: credentials(),
	});
	expect(error).toBeUndefined();
	expect(attempts.count).toBe(1);
	expect(items[0].json).toStrictEqual({
		...NO_ANSWER_FIELDS,
		status: 'network_error',
		statusMessage: 'The connection to the API failed',
		error: message,
	});
	expect(serialized).not.toContain(SECRET_API_KEY);
});

test('a failed DNS lookup is network_error with the system text', async () => {
	segmind()
		.post(CHAT_PATH)
		.replyWithError(systemError('ENOTFOUND', 'getaddrinfo ENOTFOUND api.segmind.com'));
	const { items, serialized } = await runWorkflow({
		nodes: [{ parameters: ask({ maxRetries: 0 }) }],
		input: [{}],
		credentials: credentials(),
	});
	expect(items[0].json).toMatchObject({
		status: 'network_error',
		statusCode: null,
		error: 'getaddrinfo ENOTFOUND api.segmind.com',
	});
	expect(serialized).not.toContain(SECRET_API_KEY);
});

test('one item timing out does not hold back the others', async () => {
	segmind()
		.post(CHAT_PATH, { messages: [{ role: 'user', content: 'slow' }] })
		.delay(4_000)
		.reply(200, openAiAnswer());
	segmind()
		.post(CHAT_PATH, { messages: [{ role: 'user', content: 'fast' }] })
		.reply(200, openAiAnswer('quick'));
	// A timeout the fast answer meets even on a loaded machine.
	const { items } = await runWorkflow({
		nodes: [{ parameters: ask({ timeout: 800 }, '={{ $json.q }}') }],
		input: [{ q: 'slow' }, { q: 'fast' }],
		credentials: credentials(),
	});
	expect(items.map((item) => item.json.status)).toEqual(['timeout', 'ok']);
	expect(items[1].json.reply).toBe('quick');
});

describe('real sockets on this machine', () => {
	let server: Server | undefined;
	afterEach(async () => {
		await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
		server = undefined;
	});

	test('a real refused connection is retried: maxRetries 1 waits the 500 ms backoff', async () => {
		nock.disableNetConnect();
		nock.enableNetConnect('127.0.0.1');
		const started = performance.now();
		const { items, serialized } = await runWorkflow({
			nodes: [{ parameters: ask({ maxRetries: 1 }) }],
			input: [{}],
			credentials: credentials('http://127.0.0.1:1'),
		});
		expect(items[0].json).toMatchObject({
			status: 'network_error',
			error: 'connect ECONNREFUSED 127.0.0.1:1',
		});
		expect(serialized).not.toContain(SECRET_API_KEY);
		// Only a retry waits: a lower bound cannot flake.
		expect(performance.now() - started).toBeGreaterThanOrEqual(490);
	});

	test('a real hang-up after connecting is sent once only', async () => {
		nock.disableNetConnect();
		nock.enableNetConnect('127.0.0.1');
		let connections = 0;
		server = createServer((socket) => {
			connections++;
			socket.once('data', () => socket.destroy());
		});
		await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		const { items, serialized } = await runWorkflow({
			nodes: [{ parameters: ask({ maxRetries: 2 }) }],
			input: [{}],
			credentials: credentials(`http://127.0.0.1:${port}`),
		});
		expect(items[0].json).toMatchObject({
			status: 'network_error',
			statusCode: null,
			error: 'socket hang up',
		});
		expect(connections).toBe(1);
		expect(serialized).not.toContain(SECRET_API_KEY);
	});
});
