import type { IDataObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { runWorkflow } from './support/runWorkflow';
import {
	creditsCheck,
	credentials,
	SECRET_API_KEY,
	segmind,
	systemError,
} from '../support/segmindNock';

const CREDITS_PATH = '/v1/get-user-credits';

const runCredits = async (options: INodeParameters = {}, input: IDataObject[] = [{}]) => {
	const run = await runWorkflow({
		nodes: [{ parameters: creditsCheck({ maxRetries: 0, ...options }) }],
		input,
		credentials: credentials(),
	});
	expect(run.error).toBeUndefined();
	expect(run.serialized).not.toContain(SECRET_API_KEY);
	return run.items;
};

const FAILED_BALANCE = { credits: null, freeCredits: null, totalCredits: null, success: false };

afterEach(() => nock.cleanAll());

test('GET /v1/get-user-credits with the key: credits, freeCredits, totalCredits and the status fields', async () => {
	const seen: Array<{ method: string; key: unknown }> = [];
	const scope = segmind()
		.get(CREDITS_PATH)
		.reply(function () {
			seen.push({ method: this.req.method, key: this.req.headers['x-api-key'] });
			return [
				200,
				{ credits: 12.5, 'free-credits': 0.0184921035 },
				{ 'x-remaining-credits': '12.5' },
			];
		});
	const items = await runCredits();
	expect(scope.isDone()).toBe(true);
	expect(seen).toEqual([{ method: 'GET', key: SECRET_API_KEY }]);
	expect(items).toEqual([
		{
			json: {
				credits: 12.5,
				freeCredits: 0.0184921035,
				totalCredits: 12.5 + 0.0184921035,
				success: true,
				statusCode: 200,
				status: 'ok',
				statusMessage: 'OK',
				remainingCredits: 12.5,
			},
			pairedItem: { item: 0 },
		},
	]);
});

test('no x-remaining-credits header gives remainingCredits null', async () => {
	segmind().get(CREDITS_PATH).reply(200, { credits: 0, 'free-credits': 0 });
	const [item] = await runCredits();
	expect(item.json).toMatchObject({
		credits: 0,
		freeCredits: 0,
		totalCredits: 0,
		remainingCredits: null,
	});
});

test('one request and one item per input item, paired', async () => {
	const scope = segmind().get(CREDITS_PATH).times(3).reply(200, { credits: 1, 'free-credits': 2 });
	const items = await runCredits({}, [{}, {}, {}]);
	expect(scope.isDone()).toBe(true);
	expect(items.map((item) => [item.json.totalCredits, item.pairedItem])).toEqual([
		[3, { item: 0 }],
		[3, { item: 1 }],
		[3, { item: 2 }],
	]);
});

test('an account with no balance record: 404 not_found, and null balances', async () => {
	segmind().get(CREDITS_PATH).reply(404, { error: 'No credits found for the user' });
	const [item] = await runCredits();
	expect(item.json).toStrictEqual({
		...FAILED_BALANCE,
		statusCode: 404,
		status: 'not_found',
		statusMessage: 'The requested URL does not exist',
		remainingCredits: null,
		error: 'No credits found for the user',
	});
});

test('a rejected key: 401 unauthorized, and null balances', async () => {
	segmind().get(CREDITS_PATH).reply(401, { error: 'Invalid API key' });
	const [item] = await runCredits();
	expect(item.json).toMatchObject({
		...FAILED_BALANCE,
		statusCode: 401,
		status: 'unauthorized',
		error: 'Invalid API key',
	});
});

test('a failed connection: network_error, and null balances', async () => {
	segmind().get(CREDITS_PATH).replyWithError(systemError('ECONNRESET', 'socket hang up'));
	const [item] = await runCredits();
	expect(item.json).toStrictEqual({
		...FAILED_BALANCE,
		statusCode: null,
		status: 'network_error',
		statusMessage: 'The connection to the API failed',
		remainingCredits: null,
		error: 'socket hang up',
	});
});

test('a server error is retried like a chat request', async () => {
	const scope = segmind()
		.get(CREDITS_PATH)
		.reply(503, { error: 'down' })
		.get(CREDITS_PATH)
		.reply(200, { credits: 4, 'free-credits': 1 });
	const [item] = await runCredits({ maxRetries: 1 });
	expect(scope.isDone()).toBe(true);
	expect(item.json).toMatchObject({ success: true, totalCredits: 5 });
});

test('a 406 is not retried', async () => {
	const scope = segmind().get(CREDITS_PATH).times(2).reply(406, { error: 'Not enough credits' });
	const [item] = await runCredits({ maxRetries: 2 });
	expect(scope.pendingMocks()).toHaveLength(1);
	expect(item.json).toMatchObject({ ...FAILED_BALANCE, status: 'insufficient_credits' });
});
