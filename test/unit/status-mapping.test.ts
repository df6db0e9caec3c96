import { statusOf } from '../../nodes/shared/client';
import type { ApiOutcome } from '../../nodes/shared/client';

const answer = (statusCode: number, reasonPhrase = ''): ApiOutcome => ({
	answered: true,
	statusCode,
	reasonPhrase,
	headers: {},
	body: undefined,
});

const SERVER_ERROR = 'Server had some issue with processing';

test.each([
	[401, 'unauthorized', 'User authentication failed'],
	[404, 'not_found', 'The requested URL does not exist'],
	[405, 'method_not_allowed', 'The requested HTTP method is not allowed'],
	[406, 'insufficient_credits', 'Not enough credits'],
	[410, 'gone', 'The model has been retired'],
	[429, 'rate_limited', 'Too many requests'],
	[500, 'server_error', SERVER_ERROR],
	[502, 'server_error', SERVER_ERROR],
	[503, 'server_error', SERVER_ERROR],
	[504, 'server_error', SERVER_ERROR],
])('%i is %s with its documented text, whatever the reason phrase', (code, status, statusMessage) => {
	expect(statusOf(answer(code, 'Some Proxy Wording'))).toEqual({
		success: false,
		statusCode: code,
		status,
		statusMessage,
	});
});

test.each([200, 201, 204, 299])('%i is a success labelled ok', (code) => {
	expect(statusOf(answer(code, 'Whatever'))).toEqual({
		success: true,
		statusCode: code,
		status: 'ok',
		statusMessage: 'OK',
	});
});

test.each([
	[418, "I'm a Teapot"],
	[400, 'Bad Request'],
	[403, 'Forbidden'],
	[422, 'Unprocessable Entity'],
	[501, 'Not Implemented'],
	[301, 'Moved Permanently'],
])('any other status (%i) is http_error with the reason phrase', (code, phrase) => {
	expect(statusOf(answer(code, phrase))).toEqual({
		success: false,
		statusCode: code,
		status: 'http_error',
		statusMessage: phrase,
	});
});

test('an http_error without a reason phrase still has a statusMessage naming the code', () => {
	expect(statusOf(answer(499)).statusMessage).toBe('HTTP 499');
});

test('no answer within the timeout is timeout, with a null statusCode', () => {
	const outcome: ApiOutcome = {
		answered: false,
		kind: 'timeout',
		code: 'ECONNABORTED',
		message: 'No answer within the timeout of 100 ms',
	};
	expect(statusOf(outcome)).toEqual({
		success: false,
		statusCode: null,
		status: 'timeout',
		statusMessage: 'The request timed out',
	});
});

test.each(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', ''])(
	'a failed connection (%s) is network_error, with a null statusCode',
	(code) => {
		const outcome: ApiOutcome = { answered: false, kind: 'network', code, message: 'x' };
		expect(statusOf(outcome)).toEqual({
			success: false,
			statusCode: null,
			status: 'network_error',
			statusMessage: 'The connection to the API failed',
		});
	},
);
