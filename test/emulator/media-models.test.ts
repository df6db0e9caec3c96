// Generative media models on /v1 and /v2: real files that decode as the type they claim, the
// checks chat has, billing per 200 or per completed queued run, and the run directives.
import { readFileSync } from 'node:fs';
import { credits, remaining, waitFor } from './support/client';
import {
	decodePng,
	downloadElsewhere,
	fetchBytes,
	getWithKey,
	isJpeg,
	isMp3,
	isMp4,
	isPng,
	requestWithHost,
	rssGrowth,
	runModel,
	runQueued,
} from './support/media';
import {
	DEMO_API_KEY,
	FIXTURE_FILES,
	FREE_PLAN_API_KEY,
	MEDIA_SLUGS,
	NO_CREDITS_API_KEY,
	startEmulator,
	type Emulator,
} from '../../emulator/server';

jest.setTimeout(30_000);

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ faults: { rate: 0, kinds: [], slowMs: 300 } });
});
afterAll(async () => emulator.close());
beforeEach(() => {
	emulator.configure({
		latencyMs: 0,
		resultTtlMs: 3_600_000,
		retiredModels: [],
		faults: { rate: 0, kinds: [], slowMs: 300 },
	});
	emulator.reset();
});

const balance = async () => remaining(await credits(emulator));

describe('v1: the file itself', () => {
	it('flux-schnell answers a 64x64 PNG that decodes, the same for one prompt and different for another', async () => {
		const cat = await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'a red cat' });
		expect(cat.status).toBe(200);
		expect(cat.headers.get('content-type')).toBe('image/png');
		expect(cat.headers.get('content-length')).toBe(String(cat.bytes.length));
		expect(cat.headers.get('x-remaining-credits')).toBe('1000.25');
		expect(decodePng(cat.bytes)).toEqual({ width: 64, height: 64 });
		const again = await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'a red cat' });
		const dog = await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'a blue dog' });
		const seeded = await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'a red cat', seed: 7 });
		expect(again.bytes.equals(cat.bytes)).toBe(true);
		expect(dog.bytes.equals(cat.bytes)).toBe(false);
		expect(seeded.bytes.equals(cat.bytes)).toBe(false);
		expect(decodePng(dog.bytes)).toEqual({ width: 64, height: 64 });
		expect(emulator.log.map((entry) => entry.kind)).toEqual(['media', 'media', 'media', 'media']);
	});

	it('flux-schnell honours width and height, and refuses sizes out of range with 400', async () => {
		const wide = await runModel(emulator, MEDIA_SLUGS.png, {
			prompt: 'wide',
			width: 96,
			height: 32,
		});
		expect(decodePng(wide.bytes)).toEqual({ width: 96, height: 32 });
		const huge = await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'wide', width: 4096 });
		expect(huge.status).toBe(400);
		expect(huge.json).toEqual({ error: '"width" must be a whole number from 16 to 1024' });
	});

	it('sdxl1.0-txt2img answers a real JPEG that differs with the prompt', async () => {
		const one = await runModel(emulator, MEDIA_SLUGS.jpeg, { prompt: 'a lighthouse' });
		const two = await runModel(emulator, MEDIA_SLUGS.jpeg, { prompt: 'a harbour' });
		expect(one.headers.get('content-type')).toBe('image/jpeg');
		expect(isJpeg(one.bytes)).toBe(true);
		expect(isJpeg(two.bytes)).toBe(true);
		expect(one.bytes.equals(two.bytes)).toBe(false);
		// The fixture's picture, with a comment segment (FFFE) naming the prompt's hash after SOI.
		expect(one.bytes.readUInt16BE(2)).toBe(0xfffe);
		expect(one.bytes.subarray(-100).equals(readFileSync(FIXTURE_FILES.jpeg).subarray(-100))).toBe(
			true,
		);
	});

	it('kling-2.1-text2video answers the MP4 fixture; parler-tts the MP3 fixture', async () => {
		const video = await runModel(emulator, MEDIA_SLUGS.video, { prompt: 'waves' });
		expect(video.headers.get('content-type')).toBe('video/mp4');
		expect(isMp4(video.bytes)).toBe(true);
		expect(video.bytes.equals(readFileSync(FIXTURE_FILES.mp4))).toBe(true);
		const audio = await runModel(emulator, MEDIA_SLUGS.audio, { prompt: 'Hello there' });
		expect(audio.headers.get('content-type')).toBe('audio/mpeg');
		expect(isMp3(audio.bytes)).toBe(true);
		expect(audio.bytes.equals(readFileSync(FIXTURE_FILES.mp3))).toBe(true);
		expect(await balance()).toBe('1000');
	});
});

describe('v1: a huge file body', () => {
	it('huge:100 makes the v1 body a 100 MiB PNG, streamed while the emulator memory stays flat; billed once', async () => {
		const { result: huge, grewBy } = await rssGrowth(() =>
			downloadElsewhere(`${emulator.url}/v1/${MEDIA_SLUGS.png}`, {
				method: 'POST',
				headers: { 'x-api-key': DEMO_API_KEY, 'content-type': 'application/json' },
				body: JSON.stringify({ prompt: 'x #emulate:huge:100' }),
			}),
		);
		expect(huge.status).toBe(200);
		expect(huge.headers['content-type']).toBe('image/png');
		expect(huge.headers['content-length']).toBe(String(100 * 1024 * 1024));
		expect(huge.headers['x-remaining-credits']).toBe('1000.25');
		expect(huge.bytes).toBe(100 * 1024 * 1024);
		expect(isPng(Buffer.from(huge.head, 'hex'))).toBe(true);
		expect(grewBy).toBeLessThan(50 * 1024 * 1024);
		await waitFor(() => emulator.log[0]?.outcome === 'answered');
	});

	it('huge-no-length:3 sends it chunked, without Content-Length', async () => {
		const huge = await downloadElsewhere(`${emulator.url}/v1/${MEDIA_SLUGS.video}`, {
			method: 'POST',
			headers: { 'x-api-key': DEMO_API_KEY, 'content-type': 'application/json' },
			body: JSON.stringify({ prompt: 'x #emulate:huge-no-length:3' }),
		});
		expect(huge.headers['content-length']).toBeUndefined();
		expect(huge.headers['transfer-encoding']).toBe('chunked');
		expect(huge.bytes).toBe(3 * 1024 * 1024);
	});
});

describe('v1: JSON and text answers', () => {
	it('flux-dev lists several files as images [{url, content_type, file_name, file_size}], downloadable without a key', async () => {
		const reply = await runModel(emulator, MEDIA_SLUGS.severalFiles, {
			prompt: 'three cats',
			num_images: 3,
		});
		expect(reply.headers.get('content-type')).toBe('application/json');
		expect(reply.json.seed).toBe(42);
		expect(reply.json.images).toHaveLength(3);
		const bodies: Buffer[] = [];
		for (const image of reply.json.images) {
			expect(image).toEqual({
				url: `${emulator.url}/files/${image.file_name}`,
				content_type: 'image/png',
				file_name: expect.stringMatching(/^[0-9a-f]{24}\.png$/),
				file_size: expect.any(Number),
			});
			const file = await fetchBytes(image.url);
			expect(file.status).toBe(200);
			expect(file.bytes.length).toBe(image.file_size);
			expect(decodePng(file.bytes)).toEqual({ width: 64, height: 64 });
			bodies.push(file.bytes);
		}
		expect(new Set(bodies.map((body) => body.toString('hex'))).size).toBe(3);
		expect(
			(await runModel(emulator, MEDIA_SLUGS.severalFiles, { prompt: 'x' })).json.images,
		).toHaveLength(2);
		const tooMany = await runModel(emulator, MEDIA_SLUGS.severalFiles, {
			prompt: 'x',
			num_images: 9,
		});
		expect(tooMany.status).toBe(400);
	});

	it('recraft-v3 answers a data:image/png;base64 URI in JSON that decodes to a PNG', async () => {
		const reply = await runModel(emulator, MEDIA_SLUGS.dataUri, { prompt: 'a logo' });
		expect(reply.headers.get('content-type')).toBe('application/json');
		const match = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(reply.json.image);
		expect(match).not.toBeNull();
		expect(decodePng(Buffer.from(match![1], 'base64'))).toEqual({ width: 64, height: 64 });
	});

	it('sd1.5-txt2img answers a PNG body, and {"image": "<bare base64 PNG>"} for base64: true', async () => {
		const file = await runModel(emulator, MEDIA_SLUGS.base64, { prompt: 'a boat' });
		expect(file.headers.get('content-type')).toBe('image/png');
		const encoded = await runModel(emulator, MEDIA_SLUGS.base64, {
			prompt: 'a boat',
			base64: true,
		});
		expect(encoded.headers.get('content-type')).toBe('application/json');
		expect(Object.keys(encoded.json)).toEqual(['image']);
		expect(encoded.json.image).toMatch(/^[A-Za-z0-9+/]+=*$/);
		expect(encoded.json.image.length).toBeGreaterThanOrEqual(100);
		expect(Buffer.from(encoded.json.image, 'base64').equals(file.bytes)).toBe(true);
		const jpeg = await runModel(emulator, MEDIA_SLUGS.jpeg, { prompt: 'a boat', base64: true });
		expect(isJpeg(Buffer.from(jpeg.json.image, 'base64'))).toBe(true);
		expect(
			(await runModel(emulator, MEDIA_SLUGS.base64, { prompt: 'a boat', base64: 'yes' })).status,
		).toBe(400);
	});

	it('prompt-enhancer answers JSON without files; magic-prompt answers text/plain', async () => {
		const json = await runModel(emulator, MEDIA_SLUGS.json, { prompt: 'a fox' });
		expect(json.headers.get('content-type')).toBe('application/json');
		expect(json.json).toEqual({
			enhanced_prompt: 'a fox, highly detailed, soft light, 35mm photograph',
		});
		const text = await runModel(emulator, MEDIA_SLUGS.text, { prompt: 'a fox' });
		expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(text.bytes.toString()).toBe('a fox, trending on artstation, sharp focus');
		expect(await balance()).toBe('1000');
	});
});

describe('checks, as for chat', () => {
	it.each([
		['no body object', [1, 2], 'Request body must be a JSON object'],
		['no prompt', { seed: 1 }, '"prompt" is required and must be a non-empty string'],
		['an empty prompt', { prompt: '  ' }, '"prompt" is required and must be a non-empty string'],
		[
			'a prompt that is not text',
			{ prompt: 5 },
			'"prompt" is required and must be a non-empty string',
		],
		['a seed that is not an integer', { prompt: 'x', seed: 1.5 }, '"seed" must be an integer'],
	])('%s: 400 with an error, not billed', async (_, params, error) => {
		const reply = await runModel(emulator, MEDIA_SLUGS.png, params);
		expect(reply.status).toBe(400);
		expect(reply.json).toEqual({ error });
		expect(await balance()).toBe('1000.5');
	});

	it('405 for GET, 401 without or with an unknown key, 404 an unknown slug, 406 no credits or not JSON', async () => {
		const get = await fetchBytes(`${emulator.url}/v1/${MEDIA_SLUGS.png}`, {
			headers: { 'x-api-key': DEMO_API_KEY },
		});
		expect(get.status).toBe(405);
		expect(get.headers.get('content-type')).toMatch(/^text\/html/);
		expect((await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'x' }, { key: null })).status).toBe(
			401,
		);
		expect(
			(await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'x' }, { key: 'SG_nope' })).status,
		).toBe(401);
		expect((await runModel(emulator, 'no-such-model', { prompt: 'x' })).status).toBe(404);
		const broke = await runModel(
			emulator,
			MEDIA_SLUGS.png,
			{ prompt: 'x' },
			{ key: NO_CREDITS_API_KEY },
		);
		expect(broke.status).toBe(406);
		expect(broke.json).toEqual({ error: 'Not enough credits' });
		const notJson = await fetchBytes(`${emulator.url}/v1/${MEDIA_SLUGS.png}`, {
			method: 'POST',
			headers: { 'x-api-key': DEMO_API_KEY, 'content-type': 'text/plain' },
			body: '{"prompt": "x"}',
		});
		expect(notJson.status).toBe(406);
		for (const version of ['v1', 'v2'] as const) {
			expect(
				(await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'x' }, { version, key: null })).status,
			).toBe(401);
			expect((await runModel(emulator, MEDIA_SLUGS.png, {}, { version })).status).toBe(400);
		}
		expect(await balance()).toBe('1000.5');
		expect(emulator.queued()).toEqual([]);
	});

	it('410 for a retired media slug; 429 past the key requests per minute, with the reset header', async () => {
		emulator.configure({ retiredModels: [MEDIA_SLUGS.video] });
		expect((await runModel(emulator, MEDIA_SLUGS.video, { prompt: 'x' })).status).toBe(410);
		for (let count = 0; count < 5; count++) {
			expect(
				(await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'x' }, { key: FREE_PLAN_API_KEY }))
					.status,
			).toBe(200);
		}
		const limited = await runModel(
			emulator,
			MEDIA_SLUGS.png,
			{ prompt: 'x' },
			{ key: FREE_PLAN_API_KEY },
		);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('x-rate-limit-reset-at-utc')).toEqual(expect.any(String));
	});
});

describe('run directives in the prompt', () => {
	it('#emulate:500 answers 500 and is not billed; #emulate:slow answers late and is billed', async () => {
		const failed = await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'x #emulate:500' });
		expect(failed.status).toBe(500);
		expect(emulator.log[0]).toMatchObject({ kind: 'media', status: 500, fault: '500' });
		const started = Date.now();
		const slow = await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'x #emulate:slow' });
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(decodePng(slow.bytes)).toEqual({ width: 64, height: 64 });
		expect(await balance()).toBe('1000.25');
	});

	it('#emulate:malformed answers 200 with half the file, billed', async () => {
		const whole = await runModel(emulator, MEDIA_SLUGS.video, { prompt: 'x' });
		const cut = await runModel(emulator, MEDIA_SLUGS.video, { prompt: 'x #emulate:malformed' });
		expect(cut.status).toBe(200);
		expect(cut.headers.get('content-type')).toBe('video/mp4');
		expect(cut.bytes.length).toBe(Math.floor(whole.bytes.length / 2));
		expect(await balance()).toBe('1000');
	});

	it('an unknown directive answers 400 naming the known ones; #emulate:nonjson is not one for media', async () => {
		const unknown = await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'x #emulate:explode' });
		expect(unknown.status).toBe(400);
		expect(unknown.json.error).toMatch(
			/^Unknown emulator directive #emulate:explode for a media model \(known: 500, .*download-redirect.*huge:<MiB>/,
		);
		expect((await runModel(emulator, MEDIA_SLUGS.png, { prompt: '#emulate:nonjson' })).status).toBe(
			400,
		);
		expect((await runModel(emulator, MEDIA_SLUGS.png, { prompt: '#emulate:huge:0' })).status).toBe(
			400,
		);
	});

	it('random faults apply to media runs as to chat', async () => {
		emulator.configure({ faults: { rate: 1, kinds: ['503'] } });
		expect((await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'x' })).status).toBe(503);
	});
});

describe('v2: the queue, files by URL', () => {
	it('the result output of an image run is a file URL on the emulator holding the same PNG as v1', async () => {
		const result = await runQueued(emulator, MEDIA_SLUGS.png, { prompt: 'a red cat' });
		expect(result.status).toBe(200);
		expect(result.json).toEqual({
			request_id: expect.any(String),
			status: 'COMPLETED',
			metrics: { inference_time: 0 },
			output: expect.stringMatching(new RegExp(`^${emulator.url}/files/[0-9a-f]{24}\\.png$`)),
		});
		const file = await fetchBytes(result.json.output);
		expect(file.headers.get('content-type')).toBe('image/png');
		const sync = await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'a red cat' });
		expect(file.bytes.equals(sync.bytes)).toBe(true);
		// The same URL on every fetch of the result.
		const again = await getWithKey(`${emulator.url}/v2/requests/${result.json.request_id}`);
		expect(again.json.output).toBe(result.json.output);
		expect(await balance()).toBe('1000');
	});

	it('video and audio results are .mp4 and .mp3 URLs serving the fixtures', async () => {
		const video = await runQueued(emulator, MEDIA_SLUGS.video, { prompt: 'waves' });
		expect(video.json.output).toMatch(/\.mp4$/);
		const mp4 = await fetchBytes(video.json.output);
		expect(mp4.headers.get('content-type')).toBe('video/mp4');
		expect(isMp4(mp4.bytes)).toBe(true);
		const audio = await runQueued(emulator, MEDIA_SLUGS.audio, { prompt: 'Hello' });
		const mp3 = await fetchBytes(audio.json.output);
		expect(mp3.headers.get('content-type')).toBe('audio/mpeg');
		expect(isMp3(mp3.bytes)).toBe(true);
	});

	it('several files: output is the first URL and images lists them all', async () => {
		const result = await runQueued(emulator, MEDIA_SLUGS.severalFiles, { prompt: 'cats' });
		expect(result.json.images).toHaveLength(2);
		expect(result.json.output).toBe(result.json.images[0].url);
		expect(result.json.seed).toBe(42);
		for (const image of result.json.images) {
			expect(isPng((await fetchBytes(image.url)).bytes)).toBe(true);
		}
	});

	it('JSON answers come as a JSON string in output, text answers as the text itself', async () => {
		const dataUri = await runQueued(emulator, MEDIA_SLUGS.dataUri, { prompt: 'a logo' });
		expect(JSON.parse(dataUri.json.output).image).toMatch(/^data:image\/png;base64,/);
		const base64 = await runQueued(emulator, MEDIA_SLUGS.base64, {
			prompt: 'a logo',
			base64: true,
		});
		expect(isPng(Buffer.from(JSON.parse(base64.json.output).image, 'base64'))).toBe(true);
		const json = await runQueued(emulator, MEDIA_SLUGS.json, { prompt: 'a fox' });
		expect(JSON.parse(json.json.output)).toEqual({
			enhanced_prompt: 'a fox, highly detailed, soft light, 35mm photograph',
		});
		const text = await runQueued(emulator, MEDIA_SLUGS.text, { prompt: 'a fox' });
		expect(text.json.output).toBe('a fox, trending on artstation, sharp focus');
	});

	it('file URLs use the host the client called for the result', async () => {
		const submitted = await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'x' }, { version: 'v2' });
		const host = `localhost:${emulator.port}`;
		const viaName = await requestWithHost(
			emulator,
			`/v2/requests/${submitted.json.request_id}`,
			host,
		);
		expect(viaName.json.output).toMatch(new RegExp(`^http://${host}/files/[0-9a-f]{24}\\.png$`));
		const listed = await requestWithHost(emulator, `/v1/${MEDIA_SLUGS.severalFiles}`, host, {
			method: 'POST',
			body: { prompt: 'x' },
		});
		expect(listed.json.images[0].url).toMatch(new RegExp(`^http://${host}/files/`));
	});

	it('queue directives work for media: model-failed is FAILED (422) and never charged', async () => {
		const submitted = await runModel(
			emulator,
			MEDIA_SLUGS.video,
			{ prompt: 'x #emulate:model-failed' },
			{ version: 'v2' },
		);
		const result = await getWithKey(submitted.json.response_url);
		expect(result.status).toBe(422);
		expect(result.json).toEqual({
			request_id: submitted.json.request_id,
			status: 'FAILED',
			error: 'The model failed to generate a response',
		});
		expect(emulator.queued()[0]).toMatchObject({
			slug: MEDIA_SLUGS.video,
			state: 'FAILED',
			charged: false,
		});
	});

	it('never-completes stays PROCESSING; poll-500 fails the first poll only', async () => {
		emulator.configure({ latencyMs: 20 });
		const never = await runModel(
			emulator,
			MEDIA_SLUGS.png,
			{ prompt: 'x #emulate:never-completes' },
			{ version: 'v2' },
		);
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect((await getWithKey(never.json.status_url)).json.status).toBe('PROCESSING');
		const flaky = await runModel(
			emulator,
			MEDIA_SLUGS.png,
			{ prompt: 'x #emulate:poll-500' },
			{ version: 'v2' },
		);
		await waitFor(() => emulator.queued().some((record) => record.charged));
		expect((await getWithKey(flaky.json.status_url)).status).toBe(500);
		expect((await getWithKey(flaky.json.status_url)).json.status).toBe('COMPLETED');
		expect(emulator.queued().filter((record) => record.charged)).toHaveLength(1);
	});

	it('a queued run is charged once when it completes; polls and fetches are free', async () => {
		emulator.configure({ latencyMs: 50 });
		const submitted = await runModel(emulator, MEDIA_SLUGS.png, { prompt: 'x' }, { version: 'v2' });
		expect(submitted.headers.get('x-remaining-credits')).toBe('1000.5');
		await waitFor(() => emulator.queued()[0]?.charged === true);
		for (let fetch = 0; fetch < 3; fetch++) await getWithKey(submitted.json.response_url);
		expect(await balance()).toBe('1000.25');
	});

	it('the files of a queued result expire with it: 404 after resultTtlMs', async () => {
		emulator.configure({ resultTtlMs: 300 });
		const result = await runQueued(emulator, MEDIA_SLUGS.png, { prompt: 'x' });
		expect((await fetchBytes(result.json.output)).status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 350));
		expect((await fetchBytes(result.json.output)).status).toBe(404);
		expect((await getWithKey(`${emulator.url}/v2/requests/${result.json.request_id}`)).status).toBe(
			404,
		);
	});
});
