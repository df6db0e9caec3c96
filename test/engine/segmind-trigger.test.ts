// The Segmind Trigger polled as n8n polls it (n8n-core's PollTriggerExecutor and PollContext),
// against the emulator, whose balance each test walks down and up.
import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ActiveTrigger, type Tick } from './support/pollTrigger';
import { SECRET_API_KEY, useEmulator } from './support/emulatorFixture';
import { NO_BALANCE_API_KEY } from '../../emulator/server';
import { credentials as nockCredentials, segmind, systemError } from '../support/segmindNock';

const api = useEmulator();

afterEach(() => nock.cleanAll());

const trigger = (parameters: INodeParameters = {}, apiKey = SECRET_API_KEY) =>
	new ActiveTrigger({ threshold: 10, ...parameters }, api.credentials(apiKey));

const setBalance = (credits: number, freeCredits = 0) =>
	api.emulator.setBalance({ key: SECRET_API_KEY, credits, freeCredits });

/** The items a tick emitted, as json; an empty list when it emitted nothing. */
const emittedJson = (tick: Tick) => {
	expect(tick.error).toBeUndefined();
	return (tick.emitted ?? []).flat().map((item) => item.json);
};

/** Polls once per balance, and says which polls emitted (1-based), with what balance. */
async function walk(active: ActiveTrigger, balances: number[]) {
	const fired: Array<{ poll: number; json: IDataObject }> = [];
	for (const [index, balance] of balances.entries()) {
		setBalance(balance);
		for (const json of emittedJson(await active.tick())) fired.push({ poll: index + 1, json });
	}
	return fired;
}

const event = (balance: number, extra: IDataObject = {}) => ({
	credits: balance,
	freeCredits: 0,
	totalCredits: balance,
	balance,
	watching: 'total',
	threshold: 10,
	belowThreshold: true,
	...extra,
});

describe('crossing the threshold', () => {
	test('the first poll below fires, with the balance as one item', async () => {
		setBalance(4.5);
		const active = trigger();
		const tick = await active.tick();
		expect(tick.error).toBeUndefined();
		expect(tick.emitted).toEqual([[{ json: event(4.5) }]]);
		expect(api.emulator.log.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
			'GET /v1/get-user-credits',
		]);
		expect(active.nodeStaticData()).toEqual({
			belowThreshold: true,
			threshold: 10,
			watching: 'total',
		});
	});

	test('staying below fires nothing, however long it stays', async () => {
		expect(await walk(trigger(), [9, 8, 3, 0, 9.99])).toEqual([{ poll: 1, json: event(9) }]);
	});

	test('a first poll at or above the threshold fires nothing; the drop after it does', async () => {
		expect(await walk(trigger(), [500, 10, 9.75])).toEqual([{ poll: 3, json: event(9.75) }]);
	});

	test('back at or above the threshold and below again fires again, once per crossing', async () => {
		const fired = await walk(trigger(), [20, 5, 5, 10, 4, 3, 50, 50, 1, 0.5]);
		expect(fired.map(({ poll, json }) => [poll, json.balance])).toEqual([
			[2, 5],
			[5, 4],
			[9, 1],
		]);
	});

	test('balance: credits ignores free credits; total counts them', async () => {
		setBalance(2, 30);
		const total = emittedJson(await trigger().tick());
		const paid = emittedJson(await trigger({ balance: 'credits' }).tick());
		expect(total).toEqual([]);
		expect(paid).toEqual([
			{
				credits: 2,
				freeCredits: 30,
				totalCredits: 32,
				balance: 2,
				watching: 'credits',
				threshold: 10,
				belowThreshold: true,
			},
		]);
	});

	test('a decimal threshold compares as a decimal', async () => {
		const fired = await walk(trigger({ threshold: 0.5 }), [0.75, 0.5, 0.25]);
		expect(fired.map(({ poll }) => poll)).toEqual([3]);
	});

	test('a new threshold or a new balance to watch starts a new watch: below it fires at once', async () => {
		setBalance(5);
		const active = trigger();
		expect(emittedJson(await active.tick())).toHaveLength(1);
		active.node.parameters.threshold = 8;
		expect(emittedJson(await active.tick())).toEqual([event(5, { threshold: 8 })]);
		expect(emittedJson(await active.tick())).toEqual([]);
		active.node.parameters.balance = 'credits';
		expect(emittedJson(await active.tick())).toEqual([
			event(5, { threshold: 8, watching: 'credits' }),
		]);
	});
});

describe('the state, in the workflow static data', () => {
	test('survives a new context and a restart: still below fires nothing, a new crossing fires', async () => {
		const first = trigger();
		expect(await walk(first, [5])).toHaveLength(1);

		const afterRestart = first.restarted();
		expect(afterRestart.nodeStaticData()).toEqual({
			belowThreshold: true,
			threshold: 10,
			watching: 'total',
		});
		expect(await walk(afterRestart, [4, 12])).toEqual([]);

		const afterSecondRestart = afterRestart.restarted();
		expect(afterSecondRestart.nodeStaticData()).toMatchObject({ belowThreshold: false });
		expect(await walk(afterSecondRestart, [3])).toEqual([{ poll: 1, json: event(3) }]);
	});

	test('a poll that emits nothing still records a rise, and marks the static data changed for n8n to save', async () => {
		const active = trigger();
		expect(await walk(active, [5])).toHaveLength(1);
		// What n8n did on the emit: it saved the static data and cleared the flag.
		active.workflow.staticData.__dataChanged = false;

		expect(await walk(active, [4])).toEqual([]);
		// No change of state: nothing to save.
		expect(active.staticDataChanged()).toBe(false);

		expect(await walk(active, [15])).toEqual([]);
		expect(active.nodeStaticData()).toMatchObject({ belowThreshold: false });
		expect(active.staticDataChanged()).toBe(true);
	});

	test('the activation poll follows the same rules and does not throw', async () => {
		setBalance(5);
		const active = trigger();
		expect((await active.activate()).emitted).toEqual([[{ json: event(5) }]]);
		expect(emittedJson(await active.tick())).toEqual([]);
	});
});

describe('Fetch Test Event', () => {
	test('always emits the current balance, below the threshold or not, and leaves the state alone', async () => {
		const active = trigger();
		setBalance(5);
		expect(await active.fetchTestEvent()).toEqual([[{ json: event(5) }]]);
		expect(await active.fetchTestEvent()).toEqual([[{ json: event(5) }]]);
		setBalance(25, 1.5);
		expect(await active.fetchTestEvent()).toEqual([
			[
				{
					json: {
						credits: 25,
						freeCredits: 1.5,
						totalCredits: 26.5,
						balance: 26.5,
						watching: 'total',
						threshold: 10,
						belowThreshold: false,
					},
				},
			],
		]);
		expect(active.nodeStaticData()).toEqual({});
		// The first scheduled poll below still fires.
		setBalance(5);
		expect(emittedJson(await active.tick())).toEqual([event(5)]);
	});

	test('shows why the balance cannot be read, for any failure', async () => {
		const active = new ActiveTrigger({ threshold: 10 }, nockCredentials());
		segmind().get('/v1/get-user-credits').times(3).reply(503, { error: 'Service Unavailable' });
		await expect(active.fetchTestEvent()).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'Server had some issue with processing [server_error]',
		});
	});
});

describe('failures', () => {
	/** A trigger whose state says "below" (it fired), against nock's Segmind. */
	async function firedTrigger() {
		const active = new ActiveTrigger(
			{ threshold: 10, options: { maxRetries: 0 } },
			nockCredentials(),
		);
		segmind().get('/v1/get-user-credits').reply(200, { credits: 5, 'free-credits': 0 });
		expect((await active.tick()).emitted).toHaveLength(1);
		return active;
	}

	const stateAfterFiring = { belowThreshold: true, threshold: 10, watching: 'total' };

	test.each([
		[401, { error: 'Invalid API key' }, 'User authentication failed [unauthorized]'],
		[
			404,
			{ error: 'No credits found for the user' },
			'The requested URL does not exist [not_found]',
		],
		[406, { error: 'Not enough credits' }, 'Not enough credits [insufficient_credits]'],
	])(
		'%i throws a NodeApiError with the 0.1 message, and keeps the state',
		async (status, body, message) => {
			const active = await firedTrigger();
			segmind().get('/v1/get-user-credits').reply(status, body);
			const tick = await active.tick();
			expect(tick.emitted).toBeUndefined();
			expect(tick.error).toMatchObject({ name: 'NodeApiError', message });
			expect(JSON.stringify(tick.error)).not.toContain(SECRET_API_KEY);
			expect(active.nodeStaticData()).toEqual(stateAfterFiring);
			// At activation the same poll throws, and n8n refuses to activate.
			segmind().get('/v1/get-user-credits').reply(status, body);
			await expect(active.activate()).rejects.toMatchObject({ message });
			// Still below once the key works again: nothing fires.
			segmind().get('/v1/get-user-credits').reply(200, { credits: 4, 'free-credits': 0 });
			expect(emittedJson(await active.tick())).toEqual([]);
		},
	);

	const passing: Array<[string, (interceptor: nock.Interceptor) => nock.Scope]> = [
		['429', (scope) => scope.reply(429, { error: 'Too many requests' })],
		['500', (scope) => scope.reply(500, { error: 'Internal Server Error' })],
		['502', (scope) => scope.reply(502, '<html>Bad Gateway</html>')],
		[
			'a reset connection',
			(scope) => scope.replyWithError(systemError('ECONNRESET', 'socket hang up')),
		],
		['a timeout', (scope) => scope.delay(1000).reply(200, { credits: 1, 'free-credits': 0 })],
	];

	test.each(passing)(
		'%s emits nothing and throws nothing, and keeps the state',
		async (_name, answer) => {
			const active = await firedTrigger();
			active.node.parameters.options = { maxRetries: 0, timeout: 200 };
			answer(segmind().get('/v1/get-user-credits'));
			expect(await active.tick()).toEqual({});
			expect(active.nodeStaticData()).toEqual(stateAfterFiring);
			answer(segmind().get('/v1/get-user-credits'));
			expect(await active.activate()).toEqual({});
			// Above, then below: the state moved on from where the failure left it.
			segmind().get('/v1/get-user-credits').reply(200, { credits: 11, 'free-credits': 0 });
			segmind().get('/v1/get-user-credits').reply(200, { credits: 2, 'free-credits': 0 });
			expect(emittedJson(await active.tick())).toEqual([]);
			expect(emittedJson(await active.tick())).toHaveLength(1);
		},
	);

	test('a failure before any state keeps none: the first poll below afterwards fires', async () => {
		const active = new ActiveTrigger(
			{ threshold: 10, options: { maxRetries: 0 } },
			nockCredentials(),
		);
		segmind().get('/v1/get-user-credits').reply(500, {});
		expect(await active.tick()).toEqual({});
		expect(active.nodeStaticData()).toEqual({});
		segmind().get('/v1/get-user-credits').reply(200, { credits: 5, 'free-credits': 0 });
		expect(emittedJson(await active.tick())).toHaveLength(1);
	});

	test('5xx is retried within the poll (Max Retries) before it gives up', async () => {
		const active = new ActiveTrigger(
			{ threshold: 10, options: { maxRetries: 1 } },
			nockCredentials(),
		);
		segmind().get('/v1/get-user-credits').reply(503, {});
		segmind().get('/v1/get-user-credits').reply(200, { credits: 5, 'free-credits': 0 });
		expect(emittedJson(await active.tick())).toHaveLength(1);
	});

	test('an answer without the watched balance emits nothing and keeps the state', async () => {
		const active = await firedTrigger();
		segmind().get('/v1/get-user-credits').reply(200, { 'free-credits': 3 });
		active.node.parameters.balance = 'credits';
		expect(await active.tick()).toEqual({});
		expect(active.nodeStaticData()).toEqual(stateAfterFiring);
	});

	test('the emulator: an unknown key is unauthorized, an account without a balance record not_found', async () => {
		const unknown = new ActiveTrigger(
			{ threshold: 10 },
			{ ...api.credentials(), apiKey: 'SG_wrong' },
		);
		expect((await unknown.tick()).error).toMatchObject({
			message: 'User authentication failed [unauthorized]',
		});
		const noRecord = trigger({}, NO_BALANCE_API_KEY);
		expect((await noRecord.tick()).error).toMatchObject({
			message: 'The requested URL does not exist [not_found]',
		});
	});

	test('a base URL on plain http off this machine is refused before anything is sent', async () => {
		const active = new ActiveTrigger(
			{ threshold: 10 },
			{ apiKey: SECRET_API_KEY, baseUrl: 'http://api.example.com' },
		);
		const scope = nock('http://api.example.com').get(/.*/).reply(200, {});
		const tick = await active.tick();
		expect(tick.error).toMatchObject({ name: 'NodeOperationError' });
		expect(tick.error?.message).toContain(
			'refusing to send the API key over plain http:// to api.example.com',
		);
		expect(scope.isDone()).toBe(false);
	});
});
