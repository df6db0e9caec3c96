// The `faults` option: a seeded share of valid chat requests gets a fault, the same ones for the same seed.
import { call, chat, credits, rawChat, remaining, user, withEmulator } from './support/client';
import { NO_CREDITS_API_KEY, type Emulator, type FaultKind, type FaultOptions } from '../../emulator/server';

// Requests go one after another (the draw follows arrival order); a loaded machine makes each slow.
jest.setTimeout(30_000);

/** Sends `count` requests one after another and lists how each ended. */
async function outcomes(emulator: Emulator, count: number): Promise<Array<number | string>> {
	const seen = [];
	for (let i = 0; i < count; i++) {
		const result = await rawChat(emulator, 'gpt-4o', `request ${i}`);
		seen.push(result.status ?? result.errorCode!);
	}
	return seen;
}

// Seed 1 (the default) shows every kind and some 200s within COUNT requests.
const mixed: FaultOptions = {
	rate: 0.5,
	kinds: ['500', '502', '503', '429', 'reset', 'malformed'],
	seed: 1,
};
const COUNT = 16;

it('gives the same faults in the same order for the same seed', async () => {
	let first: Array<number | string> = [];
	let faulted = 0;
	await withEmulator({ faults: mixed }, async (emulator) => {
		first = await outcomes(emulator, COUNT);
		// Malformed answers are 200s, so the log says which requests got a fault.
		faulted = emulator.log.filter((entry) => entry.fault !== undefined).length;
	});
	await withEmulator({ faults: mixed }, async (emulator) => {
		expect(await outcomes(emulator, COUNT)).toEqual(first);
	});
	// About half at rate 0.5.
	expect(faulted).toBeGreaterThan(COUNT / 4);
	expect(faulted).toBeLessThan((COUNT * 3) / 4);
	expect(new Set(first)).toEqual(new Set([200, 500, 502, 503, 429, 'ECONNRESET']));
});

it('gives a different sequence for another seed', async () => {
	const runs: Array<Array<number | string>> = [];
	for (const seed of [1, 2]) {
		await withEmulator({ faults: { ...mixed, seed } }, async (emulator) => {
			runs.push(await outcomes(emulator, COUNT));
		});
	}
	expect(runs[0]).not.toEqual(runs[1]);
});

it('faults every request at rate 1 and none at rate 0', async () => {
	await withEmulator({ faults: { rate: 1, kinds: ['503'] } }, async (emulator) => {
		expect(await outcomes(emulator, 5)).toEqual(Array(5).fill(503));
		expect(emulator.log.every((entry) => entry.fault === '503')).toBe(true);
		emulator.configure({ faults: { rate: 0, kinds: ['503'] } });
		expect(await outcomes(emulator, 5)).toEqual(Array(5).fill(200));
		expect(emulator.log.slice(5).every((entry) => entry.fault === undefined)).toBe(true);
	});
});

it.each<[FaultKind, number | string]>([
	['500', 500],
	['502', 502],
	['503', 503],
	['429', 429],
	['reset', 'ECONNRESET'],
	['malformed', 200],
])('picks the %s fault', async (kind, expected) => {
	await withEmulator({ faults: { rate: 1, kinds: [kind] } }, async (emulator) => {
		const result = await rawChat(emulator, 'gpt-4o', 'Hi');
		expect(result.status ?? result.errorCode).toBe(expected);
		if (kind === 'malformed') expect(() => JSON.parse(result.body!)).toThrow();
		if (kind === '429') expect(emulator.log[0].status).toBe(429);
		expect(emulator.log[0].fault).toBe(kind);
	});
});

it('picks the slow fault: a normal answer after slowMs', async () => {
	await withEmulator({ faults: { rate: 1, kinds: ['slow'], slowMs: 250 } }, async (emulator) => {
		const started = Date.now();
		expect((await chat(emulator, 'gpt-4o')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(240);
	});
});

it('picks the hang fault: no answer until the client gives up', async () => {
	await withEmulator({ faults: { rate: 1, kinds: ['hang'] } }, async (emulator) => {
		expect(await rawChat(emulator, 'gpt-4o', 'Hi', 150)).toEqual({ errorCode: 'TIMEOUT' });
		expect(emulator.log[0].status).toBeNull();
	});
});

it('replays the sequence after reset() and after the faults are configured again', async () => {
	await withEmulator({ faults: mixed }, async (emulator) => {
		const first = await outcomes(emulator, COUNT / 2);
		expect(new Set(first).size).toBeGreaterThan(1);
		emulator.reset();
		expect(await outcomes(emulator, COUNT / 2)).toEqual(first);
		emulator.configure({ faults: mixed });
		expect(await outcomes(emulator, COUNT / 2)).toEqual(first);
	});
});

it('is off with faults: null', async () => {
	await withEmulator({ faults: { rate: 1, kinds: ['500'] } }, async (emulator) => {
		emulator.configure({ faults: null });
		expect(await outcomes(emulator, 5)).toEqual(Array(5).fill(200));
	});
});

it('leaves invalid, unfunded and unauthenticated requests their own status', async () => {
	await withEmulator({ faults: { rate: 1, kinds: ['500'] } }, async (emulator) => {
		expect((await call(emulator, '/v1/gpt-4o', { body: { messages: 'Hi' } })).status).toBe(400);
		expect(
			(await call(emulator, '/v1/gpt-4o', { body: { messages: user('Hi') }, key: null })).status,
		).toBe(401);
		expect((await chat(emulator, 'gpt-4o', 'Hi', { key: NO_CREDITS_API_KEY })).status).toBe(406);
		expect((await credits(emulator)).status).toBe(200);
	});
});

it('bills the 200s among them only', async () => {
	await withEmulator(
		{ faults: { rate: 0.5, kinds: ['500', 'reset'], seed: 7 } },
		async (emulator) => {
			const seen = await outcomes(emulator, 12);
			const ok = seen.filter((outcome) => outcome === 200).length;
			expect(ok).toBeGreaterThan(0);
			expect(ok).toBeLessThan(12);
			expect(remaining(await credits(emulator))).toBe(String(1000.5 - ok * 0.25));
		},
	);
});
