// Run a PixelFlow against canned answers at Segmind's own URLs, for shapes the emulator does not
// make: states in lower case, FAILED with `error` only, a submit without request_id, a file on a
// Segmind host, and a poll_url elsewhere that is never called.
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { credentials, SECRET_API_KEY, segmind } from '../support/segmindNock';
import { SEGMIND_ANY_MODEL_NODE_TYPE } from './support/packageNodes';
import { runWorkflow } from './support/runWorkflow';

const FLOW = '0123456789abcdef01234567-v1';
const REQUEST = 'f0e1d2c3-0000-4000-8000-000000000001';
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(40, 1)]);

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	nock.enableNetConnect();
});

const runPixelflow = (options: INodeParameters = {}, workflowId = FLOW) => ({
	type: SEGMIND_ANY_MODEL_NODE_TYPE,
	parameters: {
		resource: 'pixelflow',
		operation: 'run',
		workflowId,
		inputsJson: '{"prompt": "a red fox"}',
		options: { pollInterval: 250, maxRetries: 0, ...options },
	},
});

async function runAgainst(polls: Array<[number, object]>, options: INodeParameters = {}) {
	const sent: unknown[] = [];
	const submit = segmind()
		.post(`/workflows/${FLOW}`, (body) => {
			sent.push(body);
			return true;
		})
		.matchHeader('x-api-key', SECRET_API_KEY)
		.reply(200, {
			request_id: REQUEST,
			poll_url: `https://poll.elsewhere.example/workflows/request/${REQUEST}`,
			status: 'QUEUED',
		});
	for (const [status, body] of polls) {
		segmind()
			.get(`/workflows/request/${REQUEST}`)
			.matchHeader('x-api-key', SECRET_API_KEY)
			.reply(status, body, { 'x-remaining-credits': '99.5' });
	}
	const run = await runWorkflow({
		nodes: [runPixelflow(options)],
		input: [{}],
		credentials: credentials(),
	});
	expect(submit.isDone()).toBe(true);
	expect(sent).toEqual([{ prompt: 'a red fox' }]);
	expect(nock.pendingMocks()).toEqual([]);
	expect(run.serialized).not.toContain(SECRET_API_KEY);
	return run;
}

test('the exact URLs at the default base URL; states in any case; the file on a Segmind host downloaded without the key', async () => {
	const fileUrl = 'https://cdn.segmind.com/outputs/fox.png';
	const file = nock('https://cdn.segmind.com')
		.get('/outputs/fox.png')
		.reply(function reply() {
			expect(this.req.headers['x-api-key']).toBeUndefined();
			return [200, PNG, { 'content-type': 'image/png' }];
		});
	const output = JSON.stringify([
		{ keyname: 'Image', value: { data: fileUrl, type: 'Image' } },
		{ keyname: 'notes', value: { data: 'done', type: 'TEXT' } },
	]);
	const { items } = await runAgainst([
		[200, { request_id: REQUEST, status: 'queued' }],
		[200, { request_id: REQUEST, status: 'processing' }],
		[200, { request_id: REQUEST, status: 'completed', output }],
	]);
	expect(file.isDone()).toBe(true);
	expect(items[0].json).toStrictEqual({
		success: true,
		statusCode: 200,
		status: 'ok',
		statusMessage: 'OK',
		remainingCredits: 99.5,
		workflowId: FLOW,
		requestId: REQUEST,
		outputs: { Image: fileUrl, notes: 'done' },
		files: [
			{
				url: fileUrl,
				mimeType: 'image/png',
				fileName: 'fox.png',
				fileSize: PNG.length,
				binaryProperty: 'data',
			},
		],
	});
	expect(Buffer.from(items[0].binary!.data.data, 'base64')).toEqual(PNG);
});

test('a file on a host outside Segmind is not fetched: download_failed naming the host and downloadFrom', async () => {
	const output = [
		{ keyname: 'image', value: { data: 'https://files.example.com/a.png', type: 'image' } },
	];
	const { items } = await runAgainst([[200, { status: 'COMPLETED', output }]]);
	expect(items[0].json).toMatchObject({
		success: false,
		status: 'download_failed',
		statusMessage: 'The output file could not be downloaded',
		error: expect.stringMatching(/files\.example\.com.*downloadFrom/),
		outputs: { image: 'https://files.example.com/a.png' },
		files: [
			expect.objectContaining({ url: 'https://files.example.com/a.png', binaryProperty: null }),
		],
	});
});

test('FAILED with `error` and no error_message: the error is `error`', async () => {
	const { items } = await runAgainst([[200, { status: 'FAILED', error: 'Input image too large' }]]);
	expect(items[0].json).toMatchObject({
		success: false,
		statusCode: 200,
		status: 'failed',
		statusMessage: 'The PixelFlow failed',
		error: 'Input image too large',
		requestId: REQUEST,
		outputs: null,
		files: [],
	});
});

test('FAILED answered with 422 is failed too, with error_message', async () => {
	const { items } = await runAgainst([
		[422, { status: 'FAILED', error_message: 'Node "Face swap" failed' }],
	]);
	expect(items[0].json).toMatchObject({
		statusCode: 422,
		status: 'failed',
		error: 'Node "Face swap" failed',
	});
});

test('a 5xx poll is tried again at the next interval, never a second submit', async () => {
	const { items } = await runAgainst([
		[503, { error: 'busy' }],
		[502, { error: 'bad gateway' }],
		[200, { status: 'COMPLETED', output: '[]' }],
	]);
	expect(items[0].json).toMatchObject({ status: 'ok', outputs: {}, files: [] });
});

test('a 2xx submit without request_id: http_error "The answer carried no request id", nothing polled', async () => {
	segmind().post(`/workflows/${FLOW}`).reply(200, { status: 'QUEUED' });
	const { items } = await runWorkflow({
		nodes: [runPixelflow({ includeRawResponse: true })],
		input: [{}],
		credentials: credentials(),
	});
	expect(items[0].json).toMatchObject({
		success: false,
		statusCode: 200,
		status: 'http_error',
		statusMessage: 'The answer carried no request id',
		requestId: null,
		outputs: null,
		response: { status: 'QUEUED' },
	});
	expect(nock.pendingMocks()).toEqual([]);
});

test('a base URL with a path (a gateway) keeps it in both URLs', async () => {
	const gateway = 'https://gateway.example.com/segmind';
	const scope = nock('https://gateway.example.com')
		.post(`/segmind/workflows/${FLOW}`)
		.reply(200, { request_id: REQUEST, status: 'QUEUED' })
		.get(`/segmind/workflows/request/${REQUEST}`)
		.reply(200, {
			status: 'COMPLETED',
			output: JSON.stringify([{ keyname: 'answer', value: { data: 42 } }]),
		});
	const { items } = await runWorkflow({
		nodes: [runPixelflow()],
		input: [{}],
		credentials: credentials(`${gateway}/`),
	});
	expect(scope.isDone()).toBe(true);
	expect((items[0].json as IDataObject).outputs).toEqual({ answer: 42 });
});
