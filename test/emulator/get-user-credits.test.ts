// GET /v1/get-user-credits: the balance, and the answers a credential test can get.
import { call, credits, remaining } from './support/client';
import {
	DEMO_API_KEY,
	FREE_PLAN_API_KEY,
	NO_BALANCE_API_KEY,
	NO_CREDITS_API_KEY,
	startEmulator,
	type Emulator,
} from '../../emulator/server';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.close());

it.each([
	[DEMO_API_KEY, 1000, 0.5, '1000.5'],
	[NO_CREDITS_API_KEY, 0, 0, '0'],
	[FREE_PLAN_API_KEY, 0, 10, '10'],
])('answers the balance of %s as credits and free-credits', async (key, paid, free, header) => {
	const reply = await credits(emulator, key);
	expect(reply.status).toBe(200);
	expect(reply.headers.get('content-type')).toBe('application/json');
	expect(JSON.parse(reply.text)).toEqual({ credits: paid, 'free-credits': free });
	expect(remaining(reply)).toBe(header);
});

it('answers 401 for a missing or unknown key, without a credits header', async () => {
	for (const key of [null, 'SG_unknown']) {
		const reply = await credits(emulator, key);
		expect(reply.status).toBe(401);
		expect(typeof JSON.parse(reply.text).error).toBe('string');
		expect(remaining(reply)).toBeNull();
	}
});

it('answers 404 "No credits found for the user" for an account without a balance record', async () => {
	const reply = await credits(emulator, NO_BALANCE_API_KEY);
	expect(reply.status).toBe(404);
	expect(JSON.parse(reply.text)).toEqual({ error: 'No credits found for the user' });
});

it.each(['POST', 'PUT', 'DELETE'])('answers %s with 405 and an HTML body', async (method) => {
	const reply = await call(emulator, '/v1/get-user-credits', { method, body: {} });
	expect(reply.status).toBe(405);
	expect(reply.headers.get('content-type')).toMatch(/^text\/html/);
	expect(reply.text).toMatch(/Method Not Allowed/);
});

it('is not rate limited and not billed', async () => {
	for (let i = 0; i < 7; i++) expect((await credits(emulator, FREE_PLAN_API_KEY)).status).toBe(200);
	expect(remaining(await credits(emulator, FREE_PLAN_API_KEY))).toBe('10');
});
