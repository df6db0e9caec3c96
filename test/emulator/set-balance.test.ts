// POST /__emulator/balance and emulator.setBalance(): a test walks one account's balance down and
// up at any moment (a credits trigger crossing its threshold); the other accounts keep theirs.
import { call, chat, credits, remaining } from './support/client';
import {
	DEMO_API_KEY,
	FREE_PLAN_API_KEY,
	NO_CREDITS_API_KEY,
	startEmulator,
	type Emulator,
} from '../../emulator/server';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.close());
beforeEach(() => emulator.reset());

const setBalance = async (body: unknown) => {
	const reply = await call(emulator, '/__emulator/balance', { body, key: null });
	return { status: reply.status, body: JSON.parse(reply.text) as Record<string, unknown> };
};

const balanceOf = async (key: string) => JSON.parse((await credits(emulator, key)).text);

test('sets an account balance by key, at once, and answers it by label (never the key)', async () => {
	const set = await setBalance({ key: DEMO_API_KEY, credits: 0.75, freeCredits: 0 });
	expect(set).toEqual({ status: 200, body: { label: 'demo', credits: 0.75, freeCredits: 0 } });
	expect(JSON.stringify(set.body)).not.toContain(DEMO_API_KEY);
	expect(await balanceOf(DEMO_API_KEY)).toEqual({ credits: 0.75, 'free-credits': 0 });
	// Other accounts keep their balances.
	expect(await balanceOf(FREE_PLAN_API_KEY)).toEqual({ credits: 0, 'free-credits': 10 });
});

test('walks a balance down and up again; an unset part stays as it was', async () => {
	const walk: Array<[number | undefined, number | undefined, unknown]> = [
		[5, undefined, { credits: 5, 'free-credits': 0.5 }],
		[0.25, undefined, { credits: 0.25, 'free-credits': 0.5 }],
		[undefined, 0, { credits: 0.25, 'free-credits': 0 }],
		[40, 2, { credits: 40, 'free-credits': 2 }],
	];
	for (const [paid, free, expected] of walk) {
		const update = { key: DEMO_API_KEY, credits: paid, freeCredits: free };
		expect((await setBalance(update)).status).toBe(200);
		expect(await balanceOf(DEMO_API_KEY)).toEqual(expected);
	}
	// Balance reads are not admin calls: they are in the log; setting a balance is not.
	expect(emulator.log.map((entry) => entry.kind)).toEqual([
		'credits',
		'credits',
		'credits',
		'credits',
	]);
});

test('a set balance is what chat requests are charged from, and what x-remaining-credits reports', async () => {
	emulator.setBalance({ key: NO_CREDITS_API_KEY, credits: 1 });
	const first = await chat(emulator, 'gpt-4o', 'Hi', { key: NO_CREDITS_API_KEY });
	expect(first.status).toBe(200);
	expect(remaining(first)).toBe('0.75');
	emulator.setBalance({ label: 'no-credits', credits: 0 });
	const second = await chat(emulator, 'gpt-4o', 'Hi', { key: NO_CREDITS_API_KEY });
	expect(second.status).toBe(406);
});

test('reset() restores the configured balances', async () => {
	emulator.setBalance({ key: DEMO_API_KEY, credits: 0, freeCredits: 0 });
	emulator.reset();
	expect(await balanceOf(DEMO_API_KEY)).toEqual({ credits: 1000, 'free-credits': 0.5 });
});

test('in process, setBalance() does the same and throws for an unknown account', () => {
	expect(emulator.setBalance({ label: 'free-plan', freeCredits: 3 })).toEqual({
		label: 'free-plan',
		credits: 0,
		freeCredits: 3,
	});
	expect(() => emulator.setBalance({ key: 'SG_not_a_key', credits: 1 })).toThrow(
		'No account has that key',
	);
});

test.each([
	[{ credits: 1 }, 'Name the account with exactly one of key and label'],
	[
		{ key: DEMO_API_KEY, label: 'demo', credits: 1 },
		'Name the account with exactly one of key and label',
	],
	[{ key: DEMO_API_KEY }, 'Set credits, freeCredits or both'],
	[{ key: DEMO_API_KEY, credits: -1 }, 'credits must be a number >= 0'],
	[{ key: DEMO_API_KEY, freeCredits: '2' }, 'freeCredits must be a number >= 0'],
	[{ key: DEMO_API_KEY, credits: 1, balance: 2 }, 'balance: unknown field(s) balance'],
	[{ key: 'SG_not_a_key', credits: 1 }, 'No account has that key'],
	[{ label: 'nobody', credits: 1 }, 'No account is labelled "nobody"'],
	[[1, 2], 'Send the balance as a JSON object'],
])('answers 400 for %j', async (body, error) => {
	expect(await setBalance(body)).toEqual({ status: 400, body: { error } });
	expect(await balanceOf(DEMO_API_KEY)).toEqual({ credits: 1000, 'free-credits': 0.5 });
});

test('answers 405 for another method and 400 for a body that is not JSON', async () => {
	const get = await call(emulator, '/__emulator/balance', { method: 'GET', key: null });
	expect(get.status).toBe(405);
	const text = await call(emulator, '/__emulator/balance', { body: 'credits=1', key: null });
	expect(text.status).toBe(400);
});
