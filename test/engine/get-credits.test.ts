import { DEMO_API_KEY, NO_BALANCE_API_KEY } from '../../emulator/server';
import { runWorkflow } from './support/runWorkflow';
import { SECRET_API_KEY, useEmulator } from './support/emulatorFixture';
import { NO_BALANCE_RECORD_CREDITS } from '../support/expectedStatus';

const api = useEmulator();

const getCredits = (options = {}) => ({ operation: 'getCredits', options });

test('reads the balance once per input item', async () => {
	const { items, error } = await runWorkflow({
		nodes: [{ parameters: getCredits() }],
		input: [{ account: 'a' }, { account: 'b' }],
		credentials: api.credentials(DEMO_API_KEY),
	});
	expect(error).toBeUndefined();
	expect(items).toHaveLength(2);
	expect(items[0]).toEqual({
		json: {
			credits: 1000,
			freeCredits: 0.5,
			totalCredits: 1000.5,
			success: true,
			statusCode: 200,
			status: 'ok',
			statusMessage: 'OK',
			remainingCredits: 1000.5,
		},
		pairedItem: { item: 0 },
	});
	expect(items[1].pairedItem).toEqual({ item: 1 });
	expect(api.emulator.log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
		'GET /v1/get-user-credits',
		'GET /v1/get-user-credits',
	]);
});

test('an account with no balance record gets not_found and null balances', async () => {
	const { items } = await runWorkflow({
		nodes: [{ parameters: getCredits() }],
		input: [{}],
		credentials: api.credentials(NO_BALANCE_API_KEY),
	});
	expect(items[0].json).toEqual(NO_BALANCE_RECORD_CREDITS);
});

test('an unknown key gets unauthorized, or a NodeApiError when told to throw', async () => {
	const credentials = { ...api.credentials(), apiKey: 'SG_not_a_real_key' };
	const asOutput = await runWorkflow({
		nodes: [{ parameters: getCredits() }],
		input: [{}],
		credentials,
	});
	expect(asOutput.items[0].json).toMatchObject({
		success: false,
		statusCode: 401,
		status: 'unauthorized',
		remainingCredits: null,
	});

	const thrown = await runWorkflow({
		nodes: [{ parameters: getCredits({ apiErrors: 'throw' }) }],
		input: [{}],
		credentials,
	});
	expect(thrown.error).toMatchObject({
		name: 'NodeApiError',
		message: 'User authentication failed [unauthorized]',
	});
	expect(thrown.serialized).not.toContain('SG_not_a_real_key');
	expect(thrown.serialized).not.toContain(SECRET_API_KEY);
});
