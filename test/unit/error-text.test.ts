import { readErrorText } from '../../nodes/shared/client';
import type { ApiOutcome } from '../../nodes/shared/client';

const answer = (body: unknown, statusCode = 400, reasonPhrase = 'Bad Request'): ApiOutcome => ({
	answered: true,
	statusCode,
	reasonPhrase,
	headers: {},
	body,
});

test('an {"error"} body gives its text', () => {
	expect(readErrorText(answer({ error: 'Not enough credits' }, 406))).toBe('Not enough credits');
});

test('error wins over message when both are there', () => {
	expect(readErrorText(answer({ message: 'second', error: 'first' }))).toBe('first');
});

test('a JSON body without error gives its message', () => {
	expect(readErrorText(answer({ message: 'Model is busy', code: 7 }))).toBe('Model is busy');
});

test('a JSON body with neither gives the JSON text itself, clipped at 200 characters', () => {
	const body = { detail: 'd'.repeat(300), code: 42 };
	const text = readErrorText(answer(body));
	expect(text).toBe(JSON.stringify(body).slice(0, 200));
	expect(text).toHaveLength(200);
});

test('a short JSON body with neither is given whole', () => {
	expect(readErrorText(answer({ detail: 'nope' }))).toBe('{"detail":"nope"}');
});

test('JSON that arrived as text is read as JSON', () => {
	expect(readErrorText(answer('{"error":"User authentication failed"}', 401))).toBe(
		'User authentication failed',
	);
});

test('an HTML body gives its first 200 characters', () => {
	const html = `<html><head><title>405 Not Allowed</title></head><body>${'x'.repeat(400)}</body></html>`;
	const text = readErrorText(answer(html, 405, 'Method Not Allowed'));
	expect(text).toBe(html.slice(0, 200));
	expect(text).toHaveLength(200);
});

test('a short text body is given whole', () => {
	expect(readErrorText(answer('upstream connect error', 503))).toBe('upstream connect error');
});

test.each([
	['empty text', ''],
	['blank text', '  \n'],
	['no body', undefined],
	['null', null],
])('an empty body (%s) gives the reason phrase', (_name, body) => {
	expect(readErrorText(answer(body, 418, "I'm a Teapot"))).toBe("I'm a Teapot");
});

test('an empty body without a reason phrase names the code', () => {
	expect(readErrorText(answer('', 599, ''))).toBe('HTTP 599');
});

test('no answer gives the system error text', () => {
	const outcome: ApiOutcome = {
		answered: false,
		kind: 'network',
		code: 'ECONNREFUSED',
		message: 'connect ECONNREFUSED 127.0.0.1:1',
	};
	expect(readErrorText(outcome)).toBe('connect ECONNREFUSED 127.0.0.1:1');
});
