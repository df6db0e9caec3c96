import type { INode } from 'n8n-workflow';

import { apiFailureError, errorOutputJson } from '../../nodes/shared/errors';
import type { StatusOutput } from '../../nodes/shared/client';

const node: INode = {
	id: '1',
	name: 'Segmind',
	type: 'n8n-nodes-segmind.segmindGpt45',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const failed = <T extends Omit<StatusOutput, 'success'>>(fields: T) => ({ success: false, ...fields });

test.each([
	[
		{ statusCode: 406, status: 'insufficient_credits', statusMessage: 'Not enough credits', remainingCredits: 0, error: 'Not enough credits' },
		'Not enough credits [insufficient_credits]',
		'Status code: 406. Remaining credits: 0. Not enough credits',
	],
	[
		{ statusCode: 429, status: 'rate_limited', statusMessage: 'Too many requests', remainingCredits: 999.75, error: 'Slow down' },
		'Too many requests [rate_limited]',
		'Status code: 429. Remaining credits: 999.75. Slow down',
	],
	[
		{ statusCode: null, status: 'network_error', statusMessage: 'The connection to the API failed', remainingCredits: null, error: 'connect ECONNREFUSED 127.0.0.1:1' },
		'The connection to the API failed [network_error]',
		'Status code: none. Remaining credits: unknown. connect ECONNREFUSED 127.0.0.1:1',
	],
])('message and description', (output, message, description) => {
	const error = apiFailureError(node, failed(output), 3);
	expect(error.name).toBe('NodeApiError');
	expect(error.message).toBe(message);
	expect(error.description).toBe(description);
	expect(error.context.itemIndex).toBe(3);
});

test('the error output item keeps the message and the status details', () => {
	const output = failed({
		statusCode: 500,
		status: 'server_error',
		statusMessage: 'Server had some issue with processing',
		remainingCredits: 12,
		error: 'Internal error',
		reply: null,
		model: 'gpt-4.5-preview',
	});
	expect(errorOutputJson(apiFailureError(node, output, 0), output)).toStrictEqual({
		error: 'Server had some issue with processing [server_error]',
		details: {
			statusCode: 500,
			status: 'server_error',
			statusMessage: 'Server had some issue with processing',
			remainingCredits: 12,
			error: 'Internal error',
		},
	});
});
