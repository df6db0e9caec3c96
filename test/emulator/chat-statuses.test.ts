// Every non-200 status of POST /v1/{slug}, with the body type Segmind sends for it.
import { call, chat, remaining, user } from './support/client';
import { startEmulator, type Emulator } from '../../emulator/server';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.close());
beforeEach(() => emulator.reset());

const errorOf = (text: string) => (JSON.parse(text) as { error: unknown }).error;

describe('authentication', () => {
	it('answers 401 with a JSON error and no credits header when the key is missing', async () => {
		const reply = await chat(emulator, 'gpt-4.5-preview', 'Hi', { key: null });
		expect(reply.status).toBe(401);
		expect(errorOf(reply.text)).toMatch(/x-api-key/);
		expect(remaining(reply)).toBeNull();
	});

	it('answers 401 for an unknown key and for an empty one', async () => {
		for (const key of ['SG_not_a_real_key', '']) {
			const reply = await chat(emulator, 'gpt-4.5-preview', 'Hi', { key });
			expect(reply.status).toBe(401);
			expect(typeof errorOf(reply.text)).toBe('string');
			expect(remaining(reply)).toBeNull();
		}
	});
});

describe('models', () => {
	it('answers 200 for gpt-4.5-preview, the node default, unless it is configured retired', async () => {
		expect((await chat(emulator, 'gpt-4.5-preview')).status).toBe(200);
		emulator.configure({ retiredModels: ['gpt-4.5-preview'] });
		try {
			const reply = await chat(emulator, 'gpt-4.5-preview');
			expect(reply.status).toBe(410);
			expect(errorOf(reply.text)).toMatch(/retired/);
		} finally {
			emulator.configure({ retiredModels: ['gpt-4-32k', 'text-davinci-003'] });
		}
	});

	it('answers 410 for the default retired models', async () => {
		for (const slug of ['gpt-4-32k', 'text-davinci-003']) {
			const reply = await chat(emulator, slug);
			expect(reply.status).toBe(410);
			expect(remaining(reply)).toBe('1000.5');
		}
	});

	it('answers 404 with a JSON error for an unknown slug', async () => {
		const reply = await chat(emulator, 'gpt-9-ultra');
		expect(reply.status).toBe(404);
		expect(errorOf(reply.text)).toMatch(/gpt-9-ultra/);
		expect(remaining(reply)).toBe('1000.5');
	});

	it('answers 404 outside /v1/{slug} and the queue paths', async () => {
		for (const path of ['/', '/v1', '/v1/', '/v1/gpt-4o/extra', '/v3/gpt-4o', '/v2/gpt-4o/extra']) {
			expect((await call(emulator, path, { body: { messages: user('Hi') } })).status).toBe(404);
		}
	});
});

describe('methods', () => {
	it.each(['GET', 'PUT', 'DELETE'])(
		'answers %s on a chat path with 405 and an HTML body',
		async (method) => {
			const body = method === 'GET' ? undefined : { messages: user('Hi') };
			const reply = await call(emulator, '/v1/gpt-4.5-preview', { method, body });
			expect(reply.status).toBe(405);
			expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
			expect(reply.text).toMatch(/^<!doctype html>/);
			expect(() => JSON.parse(reply.text)).toThrow();
			expect(remaining(reply)).toBe('1000.5');
		},
	);
});

describe('request body', () => {
	it('answers 406 when the Content-Type is missing or not JSON', async () => {
		const body = JSON.stringify({ messages: user('Hi') });
		for (const contentType of [null, 'text/plain', 'application/x-www-form-urlencoded']) {
			const reply = await call(emulator, '/v1/gpt-4o', { body, contentType });
			expect(reply.status).toBe(406);
			expect(errorOf(reply.text)).toMatch(/Content-Type/);
		}
	});

	it('accepts a JSON Content-Type with parameters', async () => {
		const reply = await call(emulator, '/v1/gpt-4o', {
			body: { messages: user('Hi') },
			contentType: 'Application/JSON; charset=utf-8',
		});
		expect(reply.status).toBe(200);
	});

	it('answers 406 when the body is not JSON', async () => {
		for (const body of ['{"messages": [', 'hello', '']) {
			const reply = await call(emulator, '/v1/gpt-4o', { body });
			expect(reply.status).toBe(406);
			expect(errorOf(reply.text)).toMatch(/not valid JSON/);
		}
	});

	it.each([
		['no messages', {}, /messages/],
		['messages not an array', { messages: 'Hi' }, /messages/],
		['empty messages', { messages: [] }, /messages/],
		['an unknown role', { messages: [{ role: 'robot', content: 'Hi' }] }, /messages\[0\]\.role/],
		['a missing role', { messages: [{ content: 'Hi' }] }, /messages\[0\]\.role/],
		[
			'non-string content',
			{
				messages: [
					{ role: 'user', content: 'a' },
					{ role: 'user', content: 3 },
				],
			},
			/messages\[1\]\.content/,
		],
		['a null entry', { messages: [null] }, /messages\[0\]\.role/],
		['a JSON array body', [{ role: 'user', content: 'Hi' }], /JSON object/],
		['max_tokens not a positive integer', { messages: user('Hi'), max_tokens: 0 }, /max_tokens/],
		['temperature not a number', { messages: user('Hi'), temperature: 'hot' }, /temperature/],
	])('answers 400 for %s', async (_, body, message) => {
		const reply = await call(emulator, '/v1/gpt-4o', { body });
		expect(reply.status).toBe(400);
		expect(errorOf(reply.text)).toMatch(message);
		expect(remaining(reply)).toBe('1000.5');
	});

	it('answers 400 for an unknown #emulate directive, naming the known ones', async () => {
		const reply = await chat(emulator, 'gpt-4o', 'please #emulate:explode');
		expect(reply.status).toBe(400);
		expect(errorOf(reply.text)).toMatch(/#emulate:explode.*html500/);
	});
});

describe('order of checks', () => {
	it('checks the method before the key, the key before the model, the model before the body', async () => {
		expect((await call(emulator, '/v1/nope', { method: 'GET', key: null })).status).toBe(405);
		expect((await call(emulator, '/v1/nope', { key: null, body: 'x' })).status).toBe(401);
		expect((await call(emulator, '/v1/nope', { body: 'x' })).status).toBe(404);
		expect((await call(emulator, '/v1/gpt-4-32k', { body: 'x' })).status).toBe(410);
		expect((await call(emulator, '/v1/gpt-4o', { body: 'x' })).status).toBe(406);
	});
});
