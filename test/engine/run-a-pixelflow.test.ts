// Run a PixelFlow against the emulator's flows: one billed submit at the base URL, polls built
// from the base URL (never the answer's poll_url), the outputs by key name, their files in binary
// data, FAILED runs, timeouts, cancels and bad input; Get Queued Result collects a timed-out run.
import type { IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { PIXELFLOW_FAILED_MESSAGE, PIXELFLOW_IDS } from '../../emulator/server';
import { useEmulator } from './support/emulatorFixture';
import { IMAGE_SOURCE_NODE_TYPE } from './support/imageSourceNode';
import { SEGMIND_ANY_MODEL_NODE_TYPE } from './support/packageNodes';
import { runWorkflow, type SegmindNodeSpec } from './support/runWorkflow';

const api = useEmulator();

const COST = 0.25;

const runPixelflow = (
	workflowId: string,
	inputs: object | string = { prompt: 'a red fox' },
	options: INodeParameters = {},
	extra: INodeParameters = {},
): SegmindNodeSpec => ({
	name: 'PixelFlow',
	type: SEGMIND_ANY_MODEL_NODE_TYPE,
	parameters: {
		resource: 'pixelflow',
		operation: 'run',
		workflowId,
		inputsJson: typeof inputs === 'string' ? inputs : JSON.stringify(inputs),
		options: { pollInterval: 250, ...options },
		...extra,
	},
});

const collectPixelflow = (options: INodeParameters = {}): SegmindNodeSpec => ({
	name: 'Collect',
	type: SEGMIND_ANY_MODEL_NODE_TYPE,
	parameters: {
		resource: 'request',
		operation: 'getResult',
		requestId: '={{ $json.requestId }}',
		queue: 'pixelflow',
		options: { pollInterval: 250, ...options },
	},
});

async function run(
	nodes: SegmindNodeSpec[],
	{ input = [{}], onError }: { input?: IDataObject[]; onError?: INode['onError'] } = {},
) {
	const result = await runWorkflow({
		nodes: nodes.map((node) => ({ ...node, onError })),
		input,
		credentials: api.credentials(),
	});
	const log = await api.settledLog();
	return {
		...result,
		log,
		runs: log.filter((entry) => entry.kind === 'pixelflow-run'),
		polls: log.filter((entry) => entry.kind === 'pixelflow-poll'),
		downloads: log.filter((entry) => entry.kind === 'file'),
	};
}

const bytesOf = (item: INodeExecutionData, property: string) =>
	Buffer.from(item.binary?.[property]?.data ?? '', 'base64');

async function fetchBytes(url: string) {
	return Buffer.from(await (await fetch(url)).arrayBuffer());
}

const balance = async () => {
	const response = await fetch(`${api.emulator.url}/v1/get-user-credits`, {
		headers: { 'x-api-key': api.credentials().apiKey },
	});
	const body = (await response.json()) as { credits: number; free_credits?: number };
	return body.credits + (body.free_credits ?? 0);
};

const ok = { success: true, statusCode: 200, status: 'ok', statusMessage: 'OK' };

const FILE_URL = /^http:\/\/127\.0\.0\.1:\d+\/files\/[0-9a-f]{24}\.(png|mp4|mp3)$/;

describe('the submit and the polls', () => {
	test('one POST /workflows/<id> with the inputs, then GETs /workflows/request/<id> at the base URL until COMPLETED; poll_url on another host is never followed', async () => {
		api.emulator.configure({ latencyMs: 600, pixelflowPollOrigin: 'https://poll.evil.example' });
		const { items, runs, polls, log } = await run([
			runPixelflow(PIXELFLOW_IDS.imageAndText, { prompt: 'a red fox', strength: 0.5 }),
		]);
		const item = items[0];
		const requestId = item.json.requestId as string;
		expect(requestId).toEqual(expect.any(String));
		expect(runs.map((entry) => [entry.method, entry.path, entry.body, entry.keyLabel])).toEqual([
			[
				'POST',
				`/workflows/${PIXELFLOW_IDS.imageAndText}`,
				{ prompt: 'a red fox', strength: 0.5 },
				'secret',
			],
		]);
		expect(runs[0].requestId).toBe(requestId);
		expect(polls.length).toBeGreaterThanOrEqual(2);
		for (const poll of polls) {
			expect([poll.method, poll.path, poll.requestId]).toEqual([
				'GET',
				`/workflows/request/${requestId}`,
				requestId,
			]);
		}
		// The key went to the run and the polls only; the file was downloaded without it.
		const keyed = log.filter((entry) => entry.keyLabel !== 'missing');
		expect(keyed.map((entry) => entry.kind).sort()).toEqual(
			[...runs, ...polls].map((entry) => entry.kind).sort(),
		);
		const files = log.filter((entry) => entry.kind === 'file');
		expect(files.map((entry) => [entry.method, entry.keyGiven, entry.status])).toEqual([
			['GET', false, 200],
		]);
		expect(item.json).toMatchObject(ok);
	});
});

describe('outputs and their files', () => {
	test('an image and a text: outputs by keyname, the image downloaded into "data" with its bytes, the text left as it is', async () => {
		const { items } = await run([runPixelflow(PIXELFLOW_IDS.imageAndText)]);
		const item = items[0];
		const outputs = item.json.outputs as IDataObject;
		expect(item.json).toStrictEqual({
			...ok,
			remainingCredits: expect.any(Number),
			workflowId: PIXELFLOW_IDS.imageAndText,
			requestId: expect.any(String),
			outputs: { image: expect.stringMatching(FILE_URL), caption: 'A picture of a red fox' },
			files: [
				{
					url: outputs.image,
					mimeType: 'image/png',
					fileName: expect.stringMatching(/\.png$/),
					fileSize: expect.any(Number),
					binaryProperty: 'data',
				},
			],
		});
		expect(Object.keys(item.binary ?? {})).toEqual(['data']);
		expect(item.binary?.data).toMatchObject({ mimeType: 'image/png' });
		const served = await fetchBytes(outputs.image as string);
		expect(bytesOf(item, 'data')).toEqual(served);
		expect((item.json.files as IDataObject[])[0].fileSize).toBe(served.length);
	});

	test('the API URL https://api.segmind.com/workflows/<id> runs the same flow (the id taken, the base URL kept); no inputs send {}', async () => {
		const { items, runs } = await run([
			runPixelflow(`https://api.segmind.com/workflows/${PIXELFLOW_IDS.video}`, {}),
		]);
		// No inputs: the body is still the JSON object {} (n8n's httpRequest would drop an empty one).
		expect(runs.map((entry) => [entry.path, entry.body])).toEqual([
			[`/workflows/${PIXELFLOW_IDS.video}`, {}],
		]);
		expect(items[0].json).toMatchObject({
			...ok,
			workflowId: PIXELFLOW_IDS.video,
			outputs: { video: expect.stringMatching(FILE_URL) },
			files: [expect.objectContaining({ mimeType: 'video/mp4', binaryProperty: 'data' })],
		});
		expect(items[0].binary?.data.mimeType).toBe('video/mp4');
	});

	test('an output that is already a list (not a JSON string): an image and an audio file, in list order', async () => {
		const { items } = await run([runPixelflow(PIXELFLOW_IDS.arrayOutput, {})]);
		const item = items[0];
		expect(item.json).toMatchObject({
			...ok,
			outputs: { image: expect.stringMatching(FILE_URL), voice: expect.stringMatching(FILE_URL) },
		});
		expect(
			(item.json.files as IDataObject[]).map((file) => [file.mimeType, file.binaryProperty]),
		).toEqual([
			['image/png', 'data'],
			['audio/mpeg', 'data_1'],
		]);
		expect(item.binary?.data_1.mimeType).toBe('audio/mpeg');
		const outputs = item.json.outputs as IDataObject;
		expect(bytesOf(item, 'data_1')).toEqual(await fetchBytes(outputs.voice as string));
	});

	test('repeated keynames get _1; an untyped data: URI is decoded and replaced by binary:<field>; a text that is a URL is never downloaded', async () => {
		const { items, downloads } = await run([runPixelflow(PIXELFLOW_IDS.repeatedKeys, {})], {});
		const item = items[0];
		expect(item.json.outputs).toStrictEqual({
			image: expect.stringMatching(FILE_URL),
			image_1: expect.stringMatching(FILE_URL),
			mask: 'binary:data_2',
			link: 'https://www.segmind.com/pixelflows',
		});
		const outputs = item.json.outputs as IDataObject;
		expect(outputs.image).not.toBe(outputs.image_1);
		expect(item.json.files).toStrictEqual([
			expect.objectContaining({ url: outputs.image, binaryProperty: 'data' }),
			expect.objectContaining({ url: outputs.image_1, binaryProperty: 'data_1' }),
			{
				url: null,
				mimeType: 'image/png',
				fileName: 'output.png',
				fileSize: expect.any(Number),
				binaryProperty: 'data_2',
			},
		]);
		expect(Object.keys(item.binary ?? {})).toEqual(['data', 'data_1', 'data_2']);
		expect(bytesOf(item, 'data')).toEqual(await fetchBytes(outputs.image as string));
		expect(bytesOf(item, 'data_1')).toEqual(await fetchBytes(outputs.image_1 as string));
		expect(bytesOf(item, 'data_2').subarray(0, 8)).toEqual(Buffer.from('89504e470d0a1a0a', 'hex'));
		// Two downloads, both of the emulator's files: nothing was fetched for the text.
		expect(downloads.map((entry) => entry.path)).toEqual([
			new URL(outputs.image as string).pathname,
			new URL(outputs.image_1 as string).pathname,
		]);
	});

	test('Put Output File in Field names the fields; Download Output Files off lists the URLs unfetched (a data: URI is still decoded)', async () => {
		const { items, downloads } = await run([
			runPixelflow(
				PIXELFLOW_IDS.repeatedKeys,
				{},
				{ downloadOutputs: false, binaryPropertyOutput: 'flow' },
			),
		]);
		const item = items[0];
		expect(downloads).toEqual([]);
		expect(item.json).toMatchObject({
			...ok,
			outputs: expect.objectContaining({ mask: 'binary:flow' }),
		});
		expect(
			(item.json.files as IDataObject[]).map((file) => [
				file.url === null,
				file.mimeType,
				file.fileSize === null,
				file.binaryProperty,
			]),
		).toEqual([
			[false, null, true, null],
			[false, null, true, null],
			[true, 'image/png', false, 'flow'],
		]);
		expect(Object.keys(item.binary ?? {})).toEqual(['flow']);
	});

	test('a file that cannot be downloaded: download_failed naming the host, the run not sent again, the URL kept', async () => {
		const { items, runs, downloads } = await run([
			runPixelflow(PIXELFLOW_IDS.imageAndText, { prompt: 'a fox #emulate:download-404' }),
		]);
		const item = items[0];
		expect(runs).toHaveLength(1);
		expect(downloads.every((entry) => entry.status === 404)).toBe(true);
		expect(item.json).toMatchObject({
			success: false,
			status: 'download_failed',
			statusCode: 404,
			statusMessage: 'The output file could not be downloaded',
			error: expect.stringContaining('127.0.0.1'),
			requestId: expect.any(String),
			outputs: {
				image: expect.stringMatching(FILE_URL),
				caption: 'A picture of a fox #emulate:download-404',
			},
			files: [expect.objectContaining({ binaryProperty: null, mimeType: null })],
		});
		expect(item.binary).toBeUndefined();
	});

	test('downloads retried through a 500, and redirects followed on the same host', async () => {
		const { items, downloads } = await run([
			runPixelflow(PIXELFLOW_IDS.arrayOutput, {
				note: '#emulate:download-500-once #emulate:download-redirect',
			}),
		]);
		expect(items[0].json).toMatchObject(ok);
		expect(Object.keys(items[0].binary ?? {})).toEqual(['data', 'data_1']);
		expect(downloads.some((entry) => entry.status === 500)).toBe(true);
		expect(downloads.some((entry) => entry.status === 302)).toBe(true);
		expect(downloads.every((entry) => entry.keyGiven === false)).toBe(true);
	});

	test('includeRawResponse: the whole COMPLETED poll answer, output still a JSON string', async () => {
		const { items } = await run([
			runPixelflow(PIXELFLOW_IDS.imageAndText, undefined, { includeRawResponse: true }),
		]);
		const response = items[0].json.response as IDataObject;
		expect(response).toMatchObject({ request_id: items[0].json.requestId, status: 'COMPLETED' });
		expect(JSON.parse(response.output as string)).toEqual([
			{
				keyname: 'image',
				value: { data: (items[0].json.outputs as IDataObject).image, type: 'image' },
			},
			{ keyname: 'caption', value: { data: 'A picture of a red fox', type: 'text' } },
		]);
	});
});

describe('runs that fail', () => {
	test('FAILED: status failed, "The PixelFlow failed", the flow\'s error_message; not charged', async () => {
		const before = await balance();
		const { items, runs } = await run([
			runPixelflow(PIXELFLOW_IDS.failing, {}, { includeRawResponse: true }),
		]);
		expect(runs).toHaveLength(1);
		expect(items[0].json).toStrictEqual({
			success: false,
			statusCode: 200,
			status: 'failed',
			statusMessage: 'The PixelFlow failed',
			remainingCredits: expect.any(Number),
			error: PIXELFLOW_FAILED_MESSAGE,
			workflowId: PIXELFLOW_IDS.failing,
			requestId: expect.any(String),
			outputs: null,
			files: [],
			response: expect.objectContaining({
				status: 'FAILED',
				error_message: PIXELFLOW_FAILED_MESSAGE,
			}),
		});
		expect(await balance()).toBe(before);
	});

	test('FAILED under Stop With an Error: the run stops with "The PixelFlow failed [failed]"', async () => {
		const { error } = await run([runPixelflow(PIXELFLOW_IDS.failing, {}, { apiErrors: 'throw' })]);
		expect(error?.message).toBe('The PixelFlow failed [failed]');
		expect(error?.description).toContain(PIXELFLOW_FAILED_MESSAGE);
	});

	test("a refused run: an unknown flow is not_found, a missing required input http_error with the API's text; no poll", async () => {
		const { items, polls } = await run([runPixelflow('0000-v1', {})]);
		expect(items[0].json).toMatchObject({
			success: false,
			statusCode: 404,
			status: 'not_found',
			requestId: null,
			outputs: null,
			files: [],
			error: 'Workflow 0000-v1 not found',
		});
		expect(polls).toEqual([]);
		const missing = await run([runPixelflow(PIXELFLOW_IDS.imageAndText, { prompt: ' ' })]);
		expect(missing.items[0].json).toMatchObject({
			success: false,
			statusCode: 400,
			status: 'http_error',
			error: 'Input "prompt" is required',
			requestId: null,
		});
	});

	test('a run reset after it may have been received is never sent again; a 500 is retried up to maxRetries', async () => {
		const reset = await run([
			runPixelflow(
				PIXELFLOW_IDS.imageAndText,
				{ prompt: 'a fox #emulate:reset' },
				{ maxRetries: 3 },
			),
		]);
		expect(reset.runs).toHaveLength(1);
		expect(reset.items[0].json).toMatchObject({
			success: false,
			status: 'network_error',
			requestId: null,
		});
		api.emulator.reset();
		const failing = await run([
			runPixelflow(PIXELFLOW_IDS.imageAndText, { prompt: 'a fox #emulate:500' }, { maxRetries: 2 }),
		]);
		expect(failing.runs.map((entry) => entry.status)).toEqual([500, 500, 500]);
		expect(failing.items[0].json).toMatchObject({ status: 'server_error', requestId: null });
	});
});

describe('waiting on a run', () => {
	test('a storm of faulted polls (5xx, 429, resets): every item completes, each run submitted exactly once and charged once', async () => {
		api.emulator.configure({
			latencyMs: 800,
			pollFaults: { rate: 0.5, kinds: ['500', '502', '503', '429', 'reset'], seed: 7 },
		});
		const before = await balance();
		const prompts = Array.from({ length: 6 }, (_, index) => `fox ${index}`);
		const { items, runs, polls } = await run(
			[
				runPixelflow(
					PIXELFLOW_IDS.imageAndText,
					'={{ JSON.stringify({ prompt: $json.prompt }) }}',
					{ concurrency: 3, timeout: 60_000 },
				),
			],
			{ input: prompts.map((prompt) => ({ prompt })) },
		);
		expect(polls.filter((entry) => entry.fault).length).toBeGreaterThan(5);
		expect(runs.map((entry) => (entry.body as IDataObject).prompt).sort()).toEqual(
			[...prompts].sort(),
		);
		items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({
				...ok,
				outputs: { caption: `A picture of ${prompts[index]}` },
			});
			expect(runs.filter((entry) => entry.requestId === item.json.requestId)).toHaveLength(1);
		});
		const charged = api.emulator.pixelflowRuns().filter((record) => record.charged);
		expect(charged).toHaveLength(prompts.length);
		expect(before - (await balance())).toBeCloseTo(prompts.length * COST, 6);
	}, 60_000);

	test('a run slower than timeout: status timeout with its requestId, submitted once; Get Queued Result (queue PixelFlow Run) collects it later, unbilled', async () => {
		api.emulator.configure({ latencyMs: 100, pixelflowSlowMs: 1500 });
		const before = await balance();
		const first = await run([
			runPixelflow(PIXELFLOW_IDS.slow, { prompt: 'slow fox' }, { timeout: 700 }),
		]);
		const timedOut = first.items[0].json;
		expect(timedOut).toMatchObject({
			success: false,
			statusCode: null,
			status: 'timeout',
			statusMessage: 'The request timed out',
			error: 'No answer within the timeout of 700 ms',
			workflowId: PIXELFLOW_IDS.slow,
			requestId: expect.any(String),
			outputs: null,
			files: [],
		});
		expect(first.runs).toHaveLength(1);

		api.emulator.log.length = 0;
		const later = await run([collectPixelflow({ includeRawResponse: true })], {
			input: [timedOut],
		});
		const collected = later.items[0];
		expect(later.runs).toEqual([]);
		expect(
			later.polls.every(
				(entry) => entry.path === `/workflows/request/${timedOut.requestId as string}`,
			),
		).toBe(true);
		expect(collected.json).toMatchObject({
			...ok,
			workflowId: null,
			requestId: timedOut.requestId,
			outputs: { image: expect.stringMatching(FILE_URL) },
			files: [expect.objectContaining({ mimeType: 'image/png', binaryProperty: 'data' })],
			response: expect.objectContaining({ status: 'COMPLETED' }),
		});
		expect(collected.binary?.data.mimeType).toBe('image/png');
		expect(api.emulator.pixelflowRuns().map((record) => record.charged)).toEqual([true]);
		expect(before - (await balance())).toBeCloseTo(COST, 6);
	}, 30_000);

	test('Get Queued Result takes the file options too: Put Output File in Field, Download Output Files off', async () => {
		const first = await run([
			runPixelflow(PIXELFLOW_IDS.repeatedKeys, {}, { downloadOutputs: false }),
		]);
		api.emulator.log.length = 0;
		const later = await run(
			[collectPixelflow({ downloadOutputs: false, binaryPropertyOutput: 'flow' })],
			{
				input: [first.items[0].json],
			},
		);
		expect(later.downloads).toEqual([]);
		const collected = later.items[0];
		expect(collected.json).toMatchObject({
			...ok,
			workflowId: null,
			outputs: expect.objectContaining({ mask: 'binary:flow' }),
		});
		expect((collected.json.files as IDataObject[]).map((file) => file.binaryProperty)).toEqual([
			null,
			null,
			'flow',
		]);
		expect(Object.keys(collected.binary ?? {})).toEqual(['flow']);
	});

	test('Get Queued Result on a FAILED run and on an unknown id: failed with error_message; not_found', async () => {
		const failed = await run([runPixelflow(PIXELFLOW_IDS.failing, {})]);
		api.emulator.log.length = 0;
		const collected = await run([collectPixelflow()], {
			input: [failed.items[0].json, { requestId: 'no-such-request' }],
		});
		expect(collected.runs).toEqual([]);
		expect(collected.items.map((item) => item.json)).toEqual([
			expect.objectContaining({
				status: 'failed',
				statusMessage: 'The PixelFlow failed',
				error: PIXELFLOW_FAILED_MESSAGE,
				workflowId: null,
				outputs: null,
			}),
			expect.objectContaining({
				status: 'not_found',
				statusCode: 404,
				workflowId: null,
				requestId: 'no-such-request',
				outputs: null,
				files: [],
			}),
		]);
	});

	test('cancelling the execution ends polling at once: no poll after the cancel', async () => {
		let cancelledAt = 0;
		const result = await runWorkflow({
			nodes: [
				runPixelflow(
					PIXELFLOW_IDS.imageAndText,
					{ prompt: 'never #emulate:never-completes' },
					{ pollInterval: 5_000 },
				),
			],
			input: [{}],
			credentials: api.credentials(),
			onStarted: (cancel) => {
				const whenPolled = setInterval(() => {
					if (
						!api.emulator.log.some(
							(entry) => entry.kind === 'pixelflow-poll' && entry.status !== null,
						)
					)
						return;
					clearInterval(whenPolled);
					cancelledAt = Date.now();
					cancel();
				}, 10);
			},
		});
		expect(Date.now() - cancelledAt).toBeLessThan(1000);
		expect(result.run.status).toBe('canceled');
		expect((await api.settledLog()).map((entry) => entry.kind)).toEqual([
			'pixelflow-run',
			'pixelflow-poll',
		]);
	}, 20_000);
});

describe('bad input: nothing is sent for the item, and the error names the field', () => {
	const cases: Array<[string, IDataObject, string]> = [
		['an empty workflowId', { id: '  ' }, 'workflowId is empty'],
		[
			'an id with a slash',
			{ id: 'abc/def' },
			'workflowId: "abc/def" is not a PixelFlow ID or API URL',
		],
		[
			'an id with spaces',
			{ id: 'my flow' },
			'workflowId: "my flow" is not a PixelFlow ID or API URL',
		],
		[
			"another host's URL",
			{ id: 'https://example.com/workflows/abc-v1' },
			'workflowId: "https://example.com/workflows/abc-v1" is not a PixelFlow ID or API URL',
		],
		[
			"a run's poll URL",
			{ id: 'https://api.segmind.com/workflows/request/123' },
			"is a run's poll URL, not a PixelFlow",
		],
		[
			'inputsJson not JSON',
			{ inputs: '{prompt: fox}' },
			'inputsJson must be a JSON object, and this is not valid JSON',
		],
		[
			'inputsJson an array',
			{ inputs: '[{"prompt": "fox"}]' },
			'inputsJson must be a JSON object, not an array',
		],
		['inputsJson a string', { inputs: '"a fox"' }, 'inputsJson must be a JSON object, not string'],
	];
	const badRun = runPixelflow(
		'={{ $json.id ?? "' + PIXELFLOW_IDS.imageAndText + '" }}',
		'={{ $json.inputs ?? "{}" }}',
	);

	test.each(cases)('%s stops the run before anything is sent', async (_name, input, message) => {
		const first = { inputs: '{"prompt": "first"}' };
		const { error, runs } = await run([badRun], { input: [first, input] });
		expect(error?.message).toContain(message);
		expect((error as { context?: IDataObject } | undefined)?.context?.itemIndex).toBe(1);
		// The first item may have gone before the second was read; the bad one never does.
		expect(runs.length).toBeLessThanOrEqual(1);
		for (const entry of runs) expect(entry.body).toEqual({ prompt: 'first' });
	});

	test('under Continue (regular output) each bad item is {error} and the good ones run', async () => {
		const { items, runs } = await run([badRun], {
			input: [{ inputs: '{"prompt": "fox"}' }, ...cases.map(([, input]) => input)],
			onError: 'continueRegularOutput',
		});
		expect(runs).toHaveLength(1);
		expect(items[0].json).toMatchObject(ok);
		expect(items.slice(1).map((item) => item.json)).toEqual(
			cases.map(([, , message]) => ({ error: expect.stringContaining(message) })),
		);
	});

	test('an empty Put Output File in Field is bad input naming binaryPropertyOutput', async () => {
		const { error, runs } = await run([
			runPixelflow(PIXELFLOW_IDS.imageAndText, undefined, { binaryPropertyOutput: ' ' }),
		]);
		expect(error?.message).toContain('binaryPropertyOutput');
		expect(runs).toEqual([]);
	});
});

describe('Input Files', () => {
	const PHOTO = Buffer.from(
		'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489',
		'hex',
	);
	const photoItem = {
		prompt: 'a fox',
		files: {
			photo: { base64: PHOTO.toString('base64'), mimeType: 'image/png', fileName: 'photo.png' },
		},
	};
	const withFiles = (rows: Array<Record<string, string>>, options: INodeParameters = {}) =>
		runPixelflow(
			PIXELFLOW_IDS.imageAndText,
			'={{ JSON.stringify({ prompt: $json.prompt }) }}',
			options,
			{ binaryInputs: { values: rows } },
		);

	async function runWithFiles(spec: SegmindNodeSpec) {
		const result = await runWorkflow({
			nodes: [{ name: 'Files', type: IMAGE_SOURCE_NODE_TYPE, parameters: {} }, spec],
			input: [photoItem],
			credentials: api.credentials(),
		});
		const log = await api.settledLog();
		return {
			item: result.outputsOf('PixelFlow')[0][0],
			runs: log.filter((entry) => entry.kind === 'pixelflow-run'),
			uploads: log.filter((entry) => entry.kind === 'upload'),
		};
	}

	test('a binary field uploaded to storage and its URL put into the inputs; another inlined as a data: URI; the outputs do not carry the input files', async () => {
		const { item, runs, uploads } = await runWithFiles(
			withFiles([
				{ parameter: 'image', binaryPropertyName: 'photo', sendAs: 'upload' },
				{ parameter: 'mask', binaryPropertyName: 'photo', sendAs: 'dataUri' },
			]),
		);
		expect(uploads).toHaveLength(1);
		expect(runs).toHaveLength(1);
		const body = runs[0].body as IDataObject;
		expect(body).toStrictEqual({
			prompt: 'a fox',
			image: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/uploads\/.+\.png$/),
			mask: `data:image/png;base64,${PHOTO.toString('base64')}`,
		});
		expect(await fetchBytes(body.image as string)).toEqual(PHOTO);
		expect(item.json).toMatchObject(ok);
		expect(Object.keys(item.binary ?? {})).toEqual(['data']);
	});

	test('a failed upload fails the item with the upload\'s status ("Uploading "photo": ..."); nothing is submitted', async () => {
		api.emulator.configure({ uploadFaults: ['500', '500', '500'] });
		const { item, runs } = await runWithFiles(
			withFiles([{ parameter: 'image', binaryPropertyName: 'photo' }], { maxRetries: 1 }),
		);
		expect(runs).toEqual([]);
		expect(item.json).toMatchObject({
			success: false,
			status: 'server_error',
			error: expect.stringMatching(/^Uploading "photo": /),
			workflowId: PIXELFLOW_IDS.imageAndText,
			requestId: null,
			outputs: null,
			files: [],
		});
	});

	test('a binary field the item lacks is bad input naming the row; nothing is uploaded or submitted', async () => {
		const { runs, uploads, item } = await runWithFiles({
			...withFiles([{ parameter: 'image', binaryPropertyName: 'picture' }]),
			onError: 'continueRegularOutput',
		});
		expect([runs, uploads]).toEqual([[], []]);
		expect(item.json).toEqual({
			error: expect.stringContaining(
				'binaryInputs[0].binaryPropertyName: the item has no binary property "picture"',
			),
		});
	});
});
