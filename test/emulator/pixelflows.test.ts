// PixelFlows: run a flow with named inputs, poll it to COMPLETED (each output form) or FAILED,
// charged once on completion, expiring like v2 results, with the v2 checks and directives.
import { call, credits, remaining, waitFor, withEmulator } from './support/client';
import { decodePng, fetchBytes, isMp3, isMp4 } from './support/media';
import {
	DEMO_API_KEY,
	NO_CREDITS_API_KEY,
	PIXELFLOW_FAILED_MESSAGE,
	PIXELFLOW_IDS,
	startEmulator,
	type Emulator,
} from '../../emulator/server';

jest.setTimeout(30_000);

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.close());
beforeEach(() => {
	emulator.configure({
		latencyMs: 0,
		resultTtlMs: 3_600_000,
		pixelflowSlowMs: 5000,
		pixelflowPollOrigin: null,
		pollFaults: null,
	});
	emulator.reset();
});

const runFlow = (
	id: string,
	inputs: unknown = { prompt: 'a red fox' },
	key: string | null = DEMO_API_KEY,
) => call(emulator, `/workflows/${id}`, { body: inputs, key });

const poll = (requestId: string, key: string | null = DEMO_API_KEY) =>
	call(emulator, `/workflows/request/${requestId}`, { method: 'GET', key });

const started = async (id: string, inputs?: unknown) =>
	JSON.parse((await runFlow(id, inputs)).text);

/** Polls every 20 ms until COMPLETED or FAILED; the final body. */
async function finished(requestId: string) {
	for (;;) {
		const body = JSON.parse((await poll(requestId)).text);
		if (body.status === 'COMPLETED' || body.status === 'FAILED') return body;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

const balance = async () => remaining(await credits(emulator));

it('a run answers request_id, poll_url on the host called and QUEUED; charges nothing yet', async () => {
	emulator.configure({ latencyMs: 60_000 });
	const reply = await runFlow(PIXELFLOW_IDS.imageAndText);
	expect(reply.status).toBe(200);
	const body = JSON.parse(reply.text);
	expect(body).toEqual({
		request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
		poll_url: `${emulator.url}/workflows/request/${body.request_id}`,
		status: 'QUEUED',
	});
	expect(JSON.parse((await poll(body.request_id)).text)).toEqual({
		request_id: body.request_id,
		status: 'QUEUED',
	});
	expect(emulator.pixelflowRuns()).toEqual([
		{
			requestId: body.request_id,
			slug: PIXELFLOW_IDS.imageAndText,
			keyLabel: 'demo',
			submitSeq: 1,
			state: 'QUEUED',
			charged: false,
		},
	]);
	expect(emulator.queued()).toEqual([]);
	expect(emulator.log.map(({ kind, requestId }) => ({ kind, requestId }))).toEqual([
		{ kind: 'pixelflow-run', requestId: body.request_id },
		{ kind: 'pixelflow-poll', requestId: body.request_id },
	]);
	// get-user-credits would wait out the latency: the run's own header tells the balance.
	expect(remaining(reply)).toBe('1000.5');
});

it('the image-and-text flow completes with output as a JSON string: an image URL and a text', async () => {
	const { request_id: id } = await started(PIXELFLOW_IDS.imageAndText, { prompt: 'a red fox' });
	const body = await finished(id);
	expect(body).toEqual({ request_id: id, status: 'COMPLETED', output: expect.any(String) });
	const outputs = JSON.parse(body.output);
	expect(outputs).toEqual([
		{
			keyname: 'image',
			value: {
				data: expect.stringMatching(new RegExp(`^${emulator.url}/files/[0-9a-f]{24}\\.png$`)),
				type: 'image',
			},
		},
		{ keyname: 'caption', value: { data: 'A picture of a red fox', type: 'text' } },
	]);
	const image = await fetchBytes(outputs[0].value.data);
	expect(image.headers.get('content-type')).toBe('image/png');
	expect(decodePng(image.bytes)).toEqual({ width: 64, height: 64 });
	// Another prompt, another picture; polls after completion answer the same URLs and never charge again.
	const other = JSON.parse(
		(await finished((await started(PIXELFLOW_IDS.imageAndText, { prompt: 'a dog' })).request_id))
			.output,
	);
	expect((await fetchBytes(other[0].value.data)).bytes.equals(image.bytes)).toBe(false);
	expect(JSON.parse((await finished(id)).output)).toEqual(outputs);
	expect(await balance()).toBe('1000');
});

it('the video flow answers an MP4 URL', async () => {
	const body = await finished((await started(PIXELFLOW_IDS.video, {})).request_id);
	const [video] = JSON.parse(body.output);
	expect(video).toEqual({
		keyname: 'video',
		value: { data: expect.stringMatching(/\.mp4$/), type: 'video' },
	});
	const file = await fetchBytes(video.value.data);
	expect(file.headers.get('content-type')).toBe('video/mp4');
	expect(isMp4(file.bytes)).toBe(true);
});

it('the failing flow is FAILED with error_message and is never charged', async () => {
	const { request_id: id } = await started(PIXELFLOW_IDS.failing, {});
	const reply = await poll(id);
	expect(reply.status).toBe(200);
	expect(JSON.parse(reply.text)).toEqual({
		request_id: id,
		status: 'FAILED',
		error_message: PIXELFLOW_FAILED_MESSAGE,
	});
	expect(emulator.pixelflowRuns()[0]).toMatchObject({ state: 'FAILED', charged: false });
	expect(await balance()).toBe('1000.5');
});

it('the slow flow stays QUEUED then PROCESSING for pixelflowSlowMs, then completes', async () => {
	emulator.configure({ pixelflowSlowMs: 600 });
	const begin = Date.now();
	const { request_id: id } = await started(PIXELFLOW_IDS.slow, {});
	const seen = new Set<string>();
	for (;;) {
		const { status } = JSON.parse((await poll(id)).text);
		seen.add(status);
		if (status === 'COMPLETED') break;
		await new Promise((resolve) => setTimeout(resolve, 30));
	}
	expect(Date.now() - begin).toBeGreaterThanOrEqual(590);
	expect([...seen]).toEqual(['QUEUED', 'PROCESSING', 'COMPLETED']);
	expect(emulator.pixelflowRuns()[0]).toMatchObject({ charged: true });
});

it('the slow flow takes several seconds by default', async () => {
	emulator.configure({ latencyMs: 0 });
	const { request_id: id } = await started(PIXELFLOW_IDS.slow, {});
	await new Promise((resolve) => setTimeout(resolve, 1000));
	expect(JSON.parse((await poll(id)).text).status).toBe('QUEUED');
});

it('the array-output flow answers output as an array already: an image and an audio file', async () => {
	const body = await finished((await started(PIXELFLOW_IDS.arrayOutput, {})).request_id);
	expect(Array.isArray(body.output)).toBe(true);
	expect(
		body.output.map((item: { keyname: string; value: { type: string } }) => [
			item.keyname,
			item.value.type,
		]),
	).toEqual([
		['image', 'image'],
		['voice', 'audio'],
	]);
	const audio = await fetchBytes(body.output[1].value.data);
	expect(audio.headers.get('content-type')).toBe('audio/mpeg');
	expect(isMp3(audio.bytes)).toBe(true);
});

it('the repeated-keys flow: two outputs named image, a mask data: URI without type, a text that is a URL', async () => {
	const body = await finished((await started(PIXELFLOW_IDS.repeatedKeys, {})).request_id);
	const outputs = JSON.parse(body.output);
	expect(outputs.map((item: { keyname: string }) => item.keyname)).toEqual([
		'image',
		'image',
		'mask',
		'link',
	]);
	expect(outputs[0].value.data).not.toBe(outputs[1].value.data);
	expect(Object.keys(outputs[2].value)).toEqual(['data']);
	const mask = /^data:image\/png;base64,(.+)$/.exec(outputs[2].value.data);
	expect(decodePng(Buffer.from(mask![1], 'base64'))).toEqual({ width: 64, height: 64 });
	expect(outputs[3].value).toEqual({ data: 'https://www.segmind.com/pixelflows', type: 'text' });
	for (const item of outputs.slice(0, 2))
		expect((await fetchBytes(item.value.data)).status).toBe(200);
});

it('pixelflowPollOrigin makes poll_url name a foreign host; the real poll path still answers', async () => {
	emulator.configure({ pixelflowPollOrigin: 'https://poll.evil.example' });
	const body = await started(PIXELFLOW_IDS.video, {});
	expect(body.poll_url).toBe(`https://poll.evil.example/workflows/request/${body.request_id}`);
	expect((await finished(body.request_id)).status).toBe('COMPLETED');
	expect(() => emulator.configure({ pixelflowPollOrigin: 'not a url' })).toThrow(
		/pixelflowPollOrigin/,
	);
});

it('run ids and their files expire resultTtlMs after the run: then 404', async () => {
	emulator.configure({ resultTtlMs: 300 });
	const { request_id: id } = await started(PIXELFLOW_IDS.imageAndText);
	const [image] = JSON.parse((await finished(id)).output);
	expect((await fetchBytes(image.value.data)).status).toBe(200);
	await new Promise((resolve) => setTimeout(resolve, 350));
	expect((await poll(id)).status).toBe(404);
	expect((await fetchBytes(image.value.data)).status).toBe(404);
});

describe('checks and faults', () => {
	it('an unknown flow is 404; 405 for GET on a flow; 401 without a key; 406 without credits; nothing queued', async () => {
		const unknown = await runFlow('0000000000000000deadbeef-v1');
		expect(unknown.status).toBe(404);
		expect(JSON.parse(unknown.text)).toEqual({
			error: 'Workflow 0000000000000000deadbeef-v1 not found',
		});
		expect(
			(await call(emulator, `/workflows/${PIXELFLOW_IDS.video}`, { method: 'GET' })).status,
		).toBe(405);
		expect((await runFlow(PIXELFLOW_IDS.video, {}, null)).status).toBe(401);
		expect((await runFlow(PIXELFLOW_IDS.video, {}, NO_CREDITS_API_KEY)).status).toBe(406);
		expect(emulator.pixelflowRuns()).toEqual([]);
	});

	it('400 for inputs that are not an object or miss a required input; 406 for a body that is not JSON', async () => {
		const notObject = await runFlow(PIXELFLOW_IDS.imageAndText, [1]);
		expect(notObject.status).toBe(400);
		const missing = await runFlow(PIXELFLOW_IDS.imageAndText, { prompt: '' });
		expect(missing.status).toBe(400);
		expect(JSON.parse(missing.text)).toEqual({ error: 'Input "prompt" is required' });
		expect((await runFlow(PIXELFLOW_IDS.imageAndText, '{"prompt":')).status).toBe(406);
		expect(emulator.pixelflowRuns()).toEqual([]);
	});

	it('a poll needs the key that ran it: 401 without, 404 with another; 405 for POST; unknown id 404', async () => {
		await withEmulator({ keys: { SG_a: { credits: 1 }, SG_b: { credits: 1 } } }, async (own) => {
			const reply = await call(own, `/workflows/${PIXELFLOW_IDS.video}`, { body: {}, key: 'SG_a' });
			const id = JSON.parse(reply.text).request_id;
			const ask = (key: string | null, method = 'GET') =>
				call(own, `/workflows/request/${id}`, { method, key });
			expect((await ask('SG_a')).status).toBe(200);
			expect((await ask(null)).status).toBe(401);
			expect((await ask('SG_b')).status).toBe(404);
			expect((await ask('SG_a', 'POST')).status).toBe(405);
		});
		expect((await poll('no-such-id')).status).toBe(404);
	});

	it('directives in any text input: #emulate:500 on the run, model-failed, poll-500 on the first poll', async () => {
		expect((await runFlow(PIXELFLOW_IDS.video, { style: 'x #emulate:500' })).status).toBe(500);
		const failed = await started(PIXELFLOW_IDS.imageAndText, { prompt: 'x #emulate:model-failed' });
		expect(await finished(failed.request_id)).toEqual({
			request_id: failed.request_id,
			status: 'FAILED',
			error_message: 'The model failed to generate a response',
		});
		const flaky = await started(PIXELFLOW_IDS.video, { prompt: 'x #emulate:poll-500' });
		expect((await poll(flaky.request_id)).status).toBe(500);
		expect(JSON.parse((await poll(flaky.request_id)).text).status).toBe('COMPLETED');
		expect((await runFlow(PIXELFLOW_IDS.video, { prompt: '#emulate:nope' })).status).toBe(400);
	});

	it('download directives in the inputs apply to the flow output files', async () => {
		const body = await finished(
			(await started(PIXELFLOW_IDS.video, { prompt: '#emulate:download-500-once' })).request_id,
		);
		const [video] = JSON.parse(body.output);
		expect((await fetchBytes(video.value.data)).status).toBe(500);
		expect((await fetchBytes(video.value.data)).status).toBe(200);
	});

	it('a run is charged once when it completes, polled or not; pollFaults apply to polls', async () => {
		emulator.configure({ latencyMs: 50 });
		await started(PIXELFLOW_IDS.video, {});
		await waitFor(() => emulator.pixelflowRuns()[0]?.charged === true);
		expect(await balance()).toBe('1000.25');
		emulator.configure({ pollFaults: { rate: 1, kinds: ['503'] } });
		expect((await poll(emulator.pixelflowRuns()[0].requestId)).status).toBe(503);
	});
});
