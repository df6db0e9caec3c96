// Segmind's queue (v2): submit, status poll, result fetch; states, one charge, expiry, faults.
import { call, remaining, user, waitFor, withEmulator } from './support/client';
import { Account } from '../../emulator/accounts';
import { RequestQueue } from '../../emulator/queue';
import { DEMO_API_KEY, NO_CREDITS_API_KEY, startEmulator, type Emulator } from '../../emulator/server';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.close());
beforeEach(() => {
	emulator.configure({ latencyMs: 0, pollFaults: null, resultTtlMs: 3_600_000 });
	emulator.reset();
});

const submit = (content = 'Hello', key: string | null = DEMO_API_KEY, slug = 'gpt-4o') =>
	call(emulator, `/v2/${slug}`, { body: { messages: user(content) }, key });

const idOf = async (content?: string) => JSON.parse((await submit(content)).text).request_id as string;

const status = (id: string, key: string | null = DEMO_API_KEY) =>
	call(emulator, `/v2/requests/${id}/status`, { method: 'GET', key });

const result = (id: string, key: string | null = DEMO_API_KEY) =>
	call(emulator, `/v2/requests/${id}`, { method: 'GET', key });

/** How a request ended when the socket may be reset: the status, or 'reset'. */
const statusOrReset = async (reply: Promise<{ status: number }>) =>
	await reply.then(
		(answer) => answer.status,
		() => 'reset',
	);

const charged = () => emulator.queued().filter((record) => record.charged).length;

it('a submit answers request_id, QUEUED and the URLs on the host asked, and charges nothing yet', async () => {
	emulator.configure({ latencyMs: 60_000 });
	const reply = await submit();
	expect(reply.status).toBe(200);
	const body = JSON.parse(reply.text);
	const origin = emulator.url;
	expect(body).toEqual({
		request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
		status: 'QUEUED',
		poll_url: `${origin}/v1/requests/${body.request_id}`,
		status_url: `${origin}/v2/requests/${body.request_id}/status`,
		response_url: `${origin}/v2/requests/${body.request_id}`,
	});
	expect(remaining(reply)).toBe('1000.5');
	expect(JSON.parse((await status(body.request_id)).text)).toEqual({
		request_id: body.request_id,
		status: 'QUEUED',
		metrics: {},
	});
	expect(charged()).toBe(0);
	expect(emulator.log.map(({ kind, requestId }) => ({ kind, requestId }))).toEqual([
		{ kind: 'submit', requestId: body.request_id },
		{ kind: 'status', requestId: body.request_id },
	]);
});

it('QUEUED for the first half of the latency, PROCESSING for the second, then COMPLETED and charged once', () => {
	const account = new Account('demo', { credits: 10 });
	const queue = new RequestQueue(() => ({ latencyMs: 400, costPerRequest: 1, resultTtlMs: 3_600_000 }));
	const start = Date.now();
	const request = queue.add({ slug: 'gpt-4o', account, submitSeq: 1, result: () => ({}) }, start);
	try {
		expect(queue.stateOf(request, start + 100)).toBe('QUEUED');
		expect(queue.stateOf(request, start + 300)).toBe('PROCESSING');
		expect(queue.stateOf(request, start + 400)).toBe('COMPLETED');
		expect(queue.stateOf(request, start + 900)).toBe('COMPLETED');
		expect(account.balance).toBe(9);
	} finally {
		queue.clear();
	}
});

it('the result holds the provider JSON as a string in output; polls and fetches never charge again', async () => {
	const id = await idOf('What is 2+2?');
	for (let poll = 0; poll < 3; poll++) {
		const reply = await status(id);
		expect(JSON.parse(reply.text)).toEqual({ request_id: id, status: 'COMPLETED', metrics: { inference_time: 0 } });
		expect(remaining(reply)).toBe('1000.25');
	}
	for (let fetch = 0; fetch < 2; fetch++) {
		const reply = await result(id);
		expect(reply.status).toBe(200);
		const body = JSON.parse(reply.text);
		expect(body).toMatchObject({ request_id: id, status: 'COMPLETED', metrics: { inference_time: 0 } });
		expect(typeof body.output).toBe('string');
		expect(JSON.parse(body.output).choices[0].message.content).toBe('Echo (gpt-4o, 1 messages): What is 2+2?');
		expect(remaining(reply)).toBe('1000.25');
	}
	expect(emulator.queued()).toEqual([
		{ requestId: id, slug: 'gpt-4o', keyLabel: 'demo', submitSeq: 1, state: 'COMPLETED', charged: true },
	]);
});

it('a request completes and is charged after the latency even when nobody polls it', async () => {
	emulator.configure({ latencyMs: 50 });
	await idOf();
	await waitFor(() => charged() === 1);
	expect(remaining(await call(emulator, '/v1/get-user-credits', { method: 'GET' }))).toBe('1000.25');
});

it('results expire resultTtlMs after the submit, then status and result answer 404', async () => {
	emulator.configure({ resultTtlMs: 100 });
	const id = await idOf();
	expect((await status(id)).status).toBe(200);
	await new Promise((resolve) => setTimeout(resolve, 150));
	expect((await status(id)).status).toBe(404);
	expect((await result(id)).status).toBe(404);
});

it('#emulate:model-failed: FAILED with 422 and an error, on the poll and the fetch, never charged', async () => {
	const id = await idOf('Hi #emulate:model-failed');
	for (const reply of [await status(id), await result(id)]) {
		expect(reply.status).toBe(422);
		expect(JSON.parse(reply.text)).toEqual({
			request_id: id,
			status: 'FAILED',
			error: 'The model failed to generate a response',
		});
		expect(remaining(reply)).toBe('1000.5');
	}
	expect(charged()).toBe(0);
});

it('#emulate:never-completes stays PROCESSING past the latency and is never charged', async () => {
	emulator.configure({ latencyMs: 20 });
	const id = await idOf('Hi #emulate:never-completes');
	await new Promise((resolve) => setTimeout(resolve, 60));
	expect(JSON.parse((await status(id)).text).status).toBe('PROCESSING');
	expect(JSON.parse((await result(id)).text)).toEqual({ request_id: id, status: 'PROCESSING', metrics: {} });
	expect(charged()).toBe(0);
});

it.each([
	['poll-500', 500],
	['poll-429', 429],
	['poll-reset', 'reset'],
])('#emulate:%s: the first status poll gets it, the next one the state', async (directive, first) => {
	const id = await idOf(`Hi #emulate:${directive}`);
	expect(await statusOrReset(status(id))).toBe(first);
	expect((await status(id)).status).toBe(200);
	expect(emulator.log.filter((entry) => entry.kind === 'status').map((entry) => entry.fault)).toEqual([
		directive === 'poll-reset' ? 'reset' : String(first),
		undefined,
	]);
});

it('#emulate:poll-429 carries the reset header', async () => {
	const id = await idOf('Hi #emulate:poll-429');
	expect((await status(id)).headers.get('x-rate-limit-reset-at-utc')).toEqual(expect.any(String));
});

it('#emulate:fetch-reset: the first result fetch is reset, the next one answers; one charge', async () => {
	const id = await idOf('Hi #emulate:fetch-reset');
	expect(await statusOrReset(result(id))).toBe('reset');
	expect((await result(id)).status).toBe(200);
	expect(charged()).toBe(1);
});

it('pollFaults draw faults for polls and fetches only; the submit is untouched', async () => {
	emulator.configure({ pollFaults: { rate: 1, kinds: ['503'] } });
	const reply = await submit();
	expect(reply.status).toBe(200);
	const id = JSON.parse(reply.text).request_id;
	expect((await status(id)).status).toBe(503);
	expect((await result(id)).status).toBe(503);
	expect(() => emulator.configure({ pollFaults: { rate: 1, kinds: ['slow'] } })).toThrow(
		/pollFaults.kinds must be an array of 500, 502, 503, 429, reset, hang/,
	);
});

it('a submit gets the checks and faults of /v1: 401, 404, 406 for no credits, #emulate:500; none queued', async () => {
	expect((await submit('Hi', null)).status).toBe(401);
	expect((await submit('Hi', DEMO_API_KEY, 'no-such-model')).status).toBe(404);
	expect((await submit('Hi', NO_CREDITS_API_KEY)).status).toBe(406);
	expect((await submit('Hi #emulate:500')).status).toBe(500);
	expect(emulator.queued()).toEqual([]);
});

it('a poll needs the key that submitted: 401 without one, 404 with another; 405 for POST', async () => {
	await withEmulator({ keys: { SG_a: { credits: 1 }, SG_b: { credits: 1 } } }, async (own) => {
		const reply = await call(own, '/v2/gpt-4o', { body: { messages: user('Hi') }, key: 'SG_a' });
		const id = JSON.parse(reply.text).request_id;
		const poll = (key: string | null, method = 'GET') =>
			call(own, `/v2/requests/${id}/status`, { method, key });
		expect((await poll('SG_a')).status).toBe(200);
		expect((await poll(null)).status).toBe(401);
		expect((await poll('SG_b')).status).toBe(404);
		expect((await poll('SG_a', 'POST')).status).toBe(405);
	});
	expect((await status('no-such-id')).status).toBe(404);
});
