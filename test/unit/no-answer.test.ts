import { describeNoAnswer } from '../../nodes/shared/client';
import { SECRET_API_KEY } from '../support/segmindNock';

// n8n wraps the HTTP client's error, whose config holds the request headers, key included.
const wrapped = (cause: object) => ({
	name: 'NodeApiError',
	message: 'The service refused the connection - perhaps it is offline',
	cause: { ...cause, config: { headers: { 'x-api-key': SECRET_API_KEY } } },
});

test('a refused connection keeps only the system code and text', () => {
	const outcome = describeNoAnswer(
		wrapped({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }),
		1000,
	);
	expect(outcome).toEqual({
		answered: false,
		kind: 'network',
		code: 'ECONNREFUSED',
		message: 'connect ECONNREFUSED 127.0.0.1:1',
	});
	expect(JSON.stringify(outcome)).not.toContain(SECRET_API_KEY);
});

test('an aggregate of attempts (IPv6 then IPv4) gives the first attempt text', () => {
	const outcome = describeNoAnswer(
		wrapped({
			code: 'ECONNREFUSED',
			message: '',
			errors: [
				{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED ::1:8080' },
				{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:8080' },
			],
		}),
		1000,
	);
	expect(outcome).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED ::1:8080' });
});

test.each([
	['ECONNABORTED', 'timeout of 150ms exceeded'],
	['ETIMEDOUT', 'connect ETIMEDOUT 203.0.113.7:443'],
	['ESOCKETTIMEDOUT', 'ESOCKETTIMEDOUT'],
])('%s (%s) is a timeout whose text names the ms', (code, message) => {
	expect(describeNoAnswer(wrapped({ code, message }), 150)).toEqual({
		answered: false,
		kind: 'timeout',
		code,
		message: 'No answer within the timeout of 150 ms',
	});
});

test.each([
	['ECONNRESET', 'socket hang up'],
	['ECONNRESET', 'read ECONNRESET'],
	['ENOTFOUND', 'getaddrinfo ENOTFOUND api.segmind.com'],
	['EAI_AGAIN', 'getaddrinfo EAI_AGAIN api.segmind.com'],
])('%s is a network failure with its own text', (code, message) => {
	expect(describeNoAnswer(wrapped({ code, message }), 1000)).toEqual({
		answered: false,
		kind: 'network',
		code,
		message,
	});
});

test('an error without any code still says what happened', () => {
	expect(describeNoAnswer(new Error('socket hang up'), 1000)).toEqual({
		answered: false,
		kind: 'network',
		code: '',
		message: 'socket hang up',
	});
	expect(describeNoAnswer(undefined, 1000)).toMatchObject({
		kind: 'network',
		message: 'The connection to the API failed',
	});
});
