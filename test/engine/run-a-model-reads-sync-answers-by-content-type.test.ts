import type { INodeParameters } from 'n8n-workflow';
import nock from 'nock';
import { PassThrough } from 'node:stream';

import { credentials, SECRET_API_KEY, segmind } from '../support/segmindNock';
import { runWorkflow } from './support/runWorkflow';
import { runModel, TINY_PNG } from './support/segmindNode';

const SYNC: INodeParameters = { requestMode: 'sync', maxRetries: 0, rateLimitWait: 0 };
const CREDITS = { 'x-remaining-credits': '999.5' };

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	nock.enableNetConnect();
});

/** One item through Run a Model in sync mode against one canned answer of /v1/<slug>. */
async function runAgainst(
	slug: string,
	reply: (scope: nock.Interceptor) => nock.Scope,
	options: INodeParameters = {},
) {
	const sent: unknown[] = [];
	const scope = reply(
		segmind()
			.post(`/v1/${slug}`, (body) => {
				sent.push(body);
				return true;
			})
			.matchHeader('x-api-key', SECRET_API_KEY)
			.matchHeader('content-type', /^application\/json/),
	);
	const run = await runWorkflow({
		nodes: [runModel(slug, { prompt: 'a red fox', seed: 7 }, { ...SYNC, ...options })],
		input: [{}],
		credentials: credentials(),
	});
	expect(scope.isDone()).toBe(true);
	expect(sent).toEqual([{ prompt: 'a red fox', seed: 7 }]);
	expect(run.error).toBeUndefined();
	expect(run.items).toHaveLength(1);
	expect(run.items[0].pairedItem).toEqual({ item: 0 });
	expect(run.serialized).not.toContain(SECRET_API_KEY);
	return run.items[0];
}

test('a PNG body is the run\'s one file: binary "data" with its bytes, type and name, and the item lists it', async () => {
	const item = await runAgainst('flux-pro', (scope) =>
		scope.reply(200, TINY_PNG, { 'content-type': 'image/png', ...CREDITS }),
	);
	expect(item.json).toStrictEqual({
		success: true,
		statusCode: 200,
		status: 'ok',
		statusMessage: 'OK',
		remainingCredits: 999.5,
		model: 'flux-pro',
		requestId: null,
		output: null,
		files: [
			{
				url: null,
				mimeType: 'image/png',
				fileName: 'output.png',
				fileSize: TINY_PNG.length,
				binaryProperty: 'data',
			},
		],
		metrics: null,
	});
	expect(Object.keys(item.binary ?? {})).toEqual(['data']);
	expect(item.binary?.data).toMatchObject({
		mimeType: 'image/png',
		fileName: 'output.png',
		fileExtension: 'png',
		fileType: 'image',
		bytes: TINY_PNG.length,
	});
	expect(Buffer.from(item.binary?.data.data ?? '', 'base64')).toEqual(TINY_PNG);
});

test.each([
	['video/mp4', 'output.mp4'],
	['audio/mpeg', 'output.mp3'],
	['image/jpeg; charset=binary', 'output.jpg'],
	['application/octet-stream', 'output.bin'],
])('a %s body is stored as %s', async (contentType, fileName) => {
	const bytes = Buffer.from('not really media, but bytes all the same');
	const item = await runAgainst('some-model', (scope) =>
		scope.reply(200, bytes, { 'content-type': contentType }),
	);
	const mimeType = contentType.split(';')[0];
	expect(item.json.files).toEqual([
		{ url: null, mimeType, fileName, fileSize: bytes.length, binaryProperty: 'data' },
	]);
	expect(item.binary?.data).toMatchObject({ mimeType, fileName });
	expect(Buffer.from(item.binary?.data.data ?? '', 'base64')).toEqual(bytes);
});

test('a body without a Content-Type is a file too (application/octet-stream)', async () => {
	const item = await runAgainst('some-model', (scope) => scope.reply(200, TINY_PNG));
	expect(item.json).toMatchObject({
		success: true,
		output: null,
		files: [{ mimeType: 'application/octet-stream', fileName: 'output.bin' }],
	});
});

test('a JSON answer without files is the output as it came, with no binary', async () => {
	const answer = { enhanced_prompt: 'a red fox in the snow, golden hour', tokens: 12 };
	const item = await runAgainst('prompt-enhancer', (scope) =>
		scope.reply(200, answer, { 'content-type': 'application/json; charset=utf-8', ...CREDITS }),
	);
	expect(item.json).toStrictEqual({
		success: true,
		statusCode: 200,
		status: 'ok',
		statusMessage: 'OK',
		remainingCredits: 999.5,
		model: 'prompt-enhancer',
		requestId: null,
		output: answer,
		files: [],
		metrics: null,
	});
	expect(item.binary).toBeUndefined();
});

test('a text/plain answer is the output as a string (even one that looks like JSON)', async () => {
	const item = await runAgainst('magic-prompt', (scope) =>
		scope.reply(200, '42', { 'content-type': 'text/plain; charset=utf-8' }),
	);
	expect(item.json).toMatchObject({ success: true, output: '42', files: [] });
	expect(item.binary).toBeUndefined();
});

describe('includeRawResponse', () => {
	test('a JSON answer comes back whole as response', async () => {
		const answer = { enhanced_prompt: 'a fox' };
		const item = await runAgainst(
			'prompt-enhancer',
			(scope) => scope.reply(200, answer, { 'content-type': 'application/json' }),
			{ includeRawResponse: true },
		);
		expect(item.json.response).toEqual(answer);
	});

	test('a file body gives response null', async () => {
		const item = await runAgainst(
			'flux-pro',
			(scope) => scope.reply(200, TINY_PNG, { 'content-type': 'image/png' }),
			{ includeRawResponse: true },
		);
		expect(item.json).toHaveProperty('response', null);
	});

	test('an error body comes back as response, and is absent without the option', async () => {
		const error = { error: 'Not enough credits' };
		const withIt = await runAgainst(
			'flux-pro',
			(scope) => scope.reply(406, error, { 'content-type': 'application/json' }),
			{ includeRawResponse: true },
		);
		expect(withIt.json.response).toEqual(error);
		const without = await runAgainst('flux-pro', (scope) =>
			scope.reply(406, error, { 'content-type': 'application/json' }),
		);
		expect(without.json).not.toHaveProperty('response');
	});
});

test('an API error is a status item: the error text, no output, no files, no binary', async () => {
	const item = await runAgainst('flux-pro', (scope) =>
		scope.reply(
			406,
			{ error: 'Not enough credits' },
			{ 'content-type': 'application/json', ...CREDITS },
		),
	);
	expect(item.json).toStrictEqual({
		success: false,
		statusCode: 406,
		status: 'insufficient_credits',
		statusMessage: 'Not enough credits',
		remainingCredits: 999.5,
		error: 'Not enough credits',
		model: 'flux-pro',
		requestId: null,
		output: null,
		files: [],
		metrics: null,
	});
	expect(item.binary).toBeUndefined();
});

test('an HTML error page gives its first 200 characters as the error', async () => {
	const page = `<html><body>${'Method Not Allowed '.repeat(20)}</body></html>`;
	const item = await runAgainst('flux-pro', (scope) =>
		scope.reply(405, page, { 'content-type': 'text/html' }),
	);
	expect(item.json).toMatchObject({
		status: 'method_not_allowed',
		error: page.slice(0, 200),
		output: null,
	});
});

test('a 5xx is retried, then the file is kept once', async () => {
	const scope = segmind()
		.post('/v1/flux-pro')
		.reply(503, { error: 'busy' }, { 'content-type': 'application/json' })
		.post('/v1/flux-pro')
		.reply(200, TINY_PNG, { 'content-type': 'image/png' });
	const { items } = await runWorkflow({
		nodes: [runModel('flux-pro', { prompt: 'x' }, { requestMode: 'sync', maxRetries: 1 })],
		input: [{}],
		credentials: credentials(),
	});
	expect(scope.isDone()).toBe(true);
	expect(items[0].json).toMatchObject({ status: 'ok', files: [{ fileName: 'output.png' }] });
});

test('a file body that stops coming within the timeout is a timeout, and is not sent again', async () => {
	let requests = 0;
	segmind()
		.post('/v1/flux-pro')
		.times(2)
		.reply(() => {
			requests++;
			// The first bytes come, the rest never do.
			const body = new PassThrough();
			body.write(TINY_PNG.subarray(0, 8));
			return [200, body, { 'content-type': 'image/png' }];
		});
	const { items } = await runWorkflow({
		nodes: [runModel('flux-pro', { prompt: 'x' }, { requestMode: 'sync', timeout: 300 })],
		input: [{}],
		credentials: credentials(),
	});
	expect(requests).toBe(1);
	expect(items[0].json).toMatchObject({
		success: false,
		status: 'timeout',
		statusCode: null,
		error: 'No answer within the timeout of 300 ms',
		files: [],
	});
	expect(items[0].binary).toBeUndefined();
});
