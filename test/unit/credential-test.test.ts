import axios from 'axios';
import type { INode, INodeType, INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import nock from 'nock';

import { SegmindApi } from '../../credentials/SegmindApi.credentials';
import { SegmindGpt45 } from '../../nodes/SegmindGpt45/SegmindGpt45.node';
import { KEY_MAY_BE_SENT, KEY_MUST_NOT_BE_SENT } from '../support/loopbackCases';
import { SECRET_API_KEY } from '../support/segmindNock';

const credential = new SegmindApi();
const { request } = credential.test;

const node: INode = {
	id: 'node-1',
	name: 'Segmind',
	type: 'n8n-nodes-segmind.segmindGpt45',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const nodeTypes: INodeTypes = {
	getByName: () => new SegmindGpt45(),
	getByNameAndVersion: (): INodeType => new SegmindGpt45(),
	getKnownTypes: () => ({}),
};
const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });

/** Resolves one of the credential's expressions against $credentials, the way n8n does. */
const resolve = (expression: string, baseUrl: string) =>
	workflow.expression.getParameterValue(expression, null, 0, 0, node.name, [], 'internal', {
		$credentials: { apiKey: SECRET_API_KEY, baseUrl },
	}) as string;

const REFUSED_BASE = 'https://plain-http-refused-use-https.invalid';

/** The credential test's request as n8n's HTTP client (axios) sends it: baseURL joined to url. */
const sendTestRequest = async (baseUrl: string) => {
	const { headers } = await credential.authenticate({ apiKey: SECRET_API_KEY, baseUrl }, { url: '' });
	return await axios.request({
		method: request.method,
		baseURL: resolve(request.baseURL as string, baseUrl),
		url: request.url,
		headers: headers as Record<string, string>,
		validateStatus: () => true,
	});
};

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
	nock.cleanAll();
	nock.enableNetConnect();
});

test('the test request is GET /v1/get-user-credits', () => {
	expect(request).toMatchObject({ method: 'GET', url: '/v1/get-user-credits' });
});

test('it reaches {baseUrl}/v1/get-user-credits with the key in x-api-key', async () => {
	const scope = nock('https://api.segmind.com', { reqheaders: { 'x-api-key': SECRET_API_KEY } })
		.get('/v1/get-user-credits')
		.reply(200, { credits: 10, 'free-credits': 0.5 });
	const response = await sendTestRequest('https://api.segmind.com');
	expect(scope.isDone()).toBe(true);
	expect(response.status).toBe(200);
});

test('a rejected key fails the test with the API answer', async () => {
	const scope = nock('https://api.segmind.com')
		.get('/v1/get-user-credits')
		.reply(401, { error: 'Invalid API key' });
	const response = await sendTestRequest('https://api.segmind.com');
	expect(scope.isDone()).toBe(true);
	expect(response.status).toBe(401);
});

test.each(KEY_MAY_BE_SENT)('%p is kept as the base URL', (baseUrl) => {
	expect(resolve(request.baseURL as string, baseUrl)).toBe(baseUrl);
});

test('a local emulator on http://127.0.0.1 is reached', async () => {
	const scope = nock('http://127.0.0.1:5099').get('/v1/get-user-credits').reply(200, { credits: 1 });
	await sendTestRequest('http://127.0.0.1:5099');
	expect(scope.isDone()).toBe(true);
});

test.each(KEY_MUST_NOT_BE_SENT)('plain http to %p resolves to the unresolvable .invalid base, never the host', (baseUrl) => {
	const resolved = resolve(request.baseURL as string, baseUrl);
	expect(resolved).toBe(REFUSED_BASE);
	expect(new URL(resolved).hostname.endsWith('.invalid')).toBe(true);
});

test('for http://api.example.com nothing reaches the plain-http host', async () => {
	const plain = nock('http://api.example.com').get(/.*/).reply(200, { credits: 1 });
	await expect(sendTestRequest('http://api.example.com')).rejects.toThrow();
	expect(plain.isDone()).toBe(false);
});

// The HTTP client strips leading spaces and control characters and drops tabs and newlines, so
// these are plain http to a remote host too: the credential test must refuse them as the node does.
test.each([
	[' http://api.example.com', 'a leading space'],
	['\thttp://api.example.com', 'a leading tab'],
	['ht\ttp://api.example.com', 'a tab inside the scheme'],
])('%p (%s) does not send the key over plain http', async (baseUrl) => {
	const plain = nock('http://api.example.com', { reqheaders: { 'x-api-key': SECRET_API_KEY } })
		.get('/v1/get-user-credits')
		.reply(200, { credits: 1 });
	await sendTestRequest(baseUrl).catch(() => undefined);
	expect(plain.isDone()).toBe(false);
});
