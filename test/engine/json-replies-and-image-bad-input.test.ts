// JSON replies (parsed into json, or invalid_json) and bad image input, through n8n-core's
// WorkflowExecute against the emulator.
import type { INode, INodeParameters } from 'n8n-workflow';

import { useEmulator } from './support/emulatorFixture';
import { IMAGE_SOURCE_NODE_TYPE } from './support/imageSourceNode';
import { runWorkflow } from './support/runWorkflow';

const api = useEmulator();

const schema = { type: 'object', properties: { answer: { type: 'string' }, sure: { type: 'boolean' } }, required: ['answer'] };

const askJson = (content: string, options: INodeParameters = {}): INodeParameters => ({
	operation: 'message',
	messages: { values: [{ role: 'user', content }] },
	options: { model: 'claude-4-sonnet', responseFormat: 'jsonSchema', jsonSchema: JSON.stringify(schema), ...options },
});

describe('JSON replies', () => {
	test('a JSON Schema reply is parsed into json; the body carries response_format', async () => {
		const { items } = await runWorkflow({ nodes: [{ parameters: askJson('Is it blue?') }], input: [{}], credentials: api.credentials() });
		const answer = 'Echo (claude-4-sonnet, 1 messages): Is it blue?';
		expect(items[0].json).toMatchObject({
			reply: JSON.stringify({ answer, sure: true }),
			json: { answer, sure: true },
			success: true,
			status: 'ok',
			apiFormat: 'anthropic',
		});
		expect(api.chatRequests()[0].body).toStrictEqual({
			messages: [{ role: 'user', content: 'Is it blue?' }],
			response_format: { type: 'json_schema', json_schema: { name: 'response', schema, strict: true } },
		});
	});

	test('JSON Object on an OpenAI-format model', async () => {
		const { items } = await runWorkflow({
			nodes: [{ parameters: askJson('Answer in JSON: is it blue?', { model: 'gpt-4o', responseFormat: 'jsonObject' }) }],
			input: [{}],
			credentials: api.credentials(),
		});
		expect(items[0].json).toMatchObject({ json: { reply: 'Echo (gpt-4o, 1 messages): Answer in JSON: is it blue?' }, status: 'ok' });
	});

	test('JSON Object for a Claude slug is bad input naming responseFormat, and nothing is sent', async () => {
		const { error } = await runWorkflow({
			nodes: [{ parameters: askJson('Hi', { responseFormat: 'jsonObject' }) }],
			input: [{}],
			credentials: api.credentials(),
		});
		expect(error).toMatchObject({ name: 'NodeOperationError', message: expect.stringMatching(/^responseFormat: Anthropic Claude models take only a JSON schema/) });
		expect(api.emulator.log).toEqual([]);
	});

	const invalid = {
		reply: 'Here you go: Echo (claude-4-sonnet, 1 messages): Hi #emulate:nonjson',
		json: null,
		success: false,
		statusCode: 200,
		status: 'invalid_json',
		statusMessage: 'The reply is not valid JSON',
		remainingCredits: 499.75,
		error: expect.stringMatching(/JSON/),
		usage: { promptTokens: 2, completionTokens: 9, totalTokens: 11 },
		finishReason: 'end_turn',
		model: 'claude-4-sonnet',
		apiFormat: 'anthropic',
	};

	test('a reply that is not JSON: invalid_json with the usage read, sent once (never retried)', async () => {
		const { items } = await runWorkflow({ nodes: [{ parameters: askJson('Hi #emulate:nonjson') }], input: [{}], credentials: api.credentials() });
		expect(items[0].json).toStrictEqual(invalid);
		expect(api.chatRequests()).toHaveLength(1);
	});

	test('under "Stop With an Error" it stops the run with "The reply is not valid JSON [invalid_json]"', async () => {
		const { error, items } = await runWorkflow({
			nodes: [{ parameters: askJson('Hi #emulate:nonjson', { apiErrors: 'throw' }) }],
			input: [{}],
			credentials: api.credentials(),
		});
		expect(items).toEqual([]);
		expect(error).toMatchObject({ name: 'NodeApiError', message: 'The reply is not valid JSON [invalid_json]', httpCode: '200' });
		expect(api.chatRequests()).toHaveLength(1);
	});

	test.each([
		['continueRegularOutput', 0],
		['continueErrorOutput', 1],
	] as const)('under "Stop With an Error" and %s the item comes out (output %i)', async (onError, output) => {
		const run = await runWorkflow({
			nodes: [{ name: 'Ask', parameters: askJson('Hi #emulate:nonjson', { apiErrors: 'throw' }), onError: onError as INode['onError'] }],
			input: [{}],
			credentials: api.credentials(),
		});
		expect(run.error).toBeUndefined();
		const item = run.outputsOf('Ask')[output][0];
		if (output === 0) {
			expect(item.json).toStrictEqual(invalid);
		} else {
			expect(item.json).toStrictEqual({
				error: 'The reply is not valid JSON [invalid_json]',
				details: { statusCode: 200, status: 'invalid_json', statusMessage: 'The reply is not valid JSON', remainingCredits: 499.75, error: invalid.error },
			});
		}
		expect(api.chatRequests()).toHaveLength(1);
	});

	test('apiErrors output under "Continue (using error output)": the item stays on the main output', async () => {
		const run = await runWorkflow({
			nodes: [{ name: 'Ask', parameters: askJson('Hi #emulate:nonjson'), onError: 'continueErrorOutput' }],
			input: [{}],
			credentials: api.credentials(),
		});
		expect(run.outputsOf('Ask')[0]).toEqual([{ json: invalid, pairedItem: { item: 0 } }]);
	});
});

describe('bad image input names imageFields, the property and the item, before that item is sent', () => {
	const pdf = { base64: Buffer.from('%PDF-1.4').toString('base64'), mimeType: 'application/pdf', fileName: 'a.pdf' };
	const gif = { base64: Buffer.from('GIF89a').toString('base64'), mimeType: 'image/gif', fileName: 'a.gif' };
	const describe = (extra: INodeParameters = {}): INodeParameters => ({
		operation: 'message',
		messages: { values: [{ role: 'user', content: 'Describe it' }] },
		options: { model: 'gpt-4o', imageFields: 'photo', concurrency: 1 },
		...extra,
	});

	test('a PDF in item 1 stops the run, naming item 1; item 0 may go, item 1 never does', async () => {
		const { error } = await runWorkflow({
			nodes: [{ type: IMAGE_SOURCE_NODE_TYPE, parameters: {} }, { name: 'Describe', parameters: describe() }],
			input: [{ files: { photo: gif } }, { files: { photo: pdf } }],
			credentials: api.credentials(),
		});
		expect(error).toMatchObject({
			name: 'NodeOperationError',
			message: 'imageFields: binary property "photo" is application/pdf, not an image (PNG, JPEG, GIF or WebP)',
			context: expect.objectContaining({ itemIndex: 1 }),
		});
		expect(api.chatRequests().length).toBeLessThanOrEqual(1);
	});

	test('under "Continue (regular output)" the bad item is {error} and the others are answered, in order', async () => {
		const run = await runWorkflow({
			nodes: [
				{ type: IMAGE_SOURCE_NODE_TYPE, parameters: {} },
				{ name: 'Describe', parameters: describe(), onError: 'continueRegularOutput' },
			],
			input: [{ files: { photo: gif } }, { files: {} }, { files: { photo: gif } }],
			credentials: api.credentials(),
		});
		expect(run.outputsOf('Describe')[0].map((item) => [item.json.error ?? item.json.reply, item.pairedItem])).toEqual([
			['Echo (gpt-4o, 1 messages, 1 images): Describe it', { item: 0 }],
			['imageFields: the item has no binary property "photo" (it has no binary data)', { item: 1 }],
			['Echo (gpt-4o, 1 messages, 1 images): Describe it', { item: 2 }],
		]);
		expect(api.chatRequests()).toHaveLength(2);
	});

	test('items mode: an image on an assistant item is bad input; an item without the property has none', async () => {
		const itemsMode: INodeParameters = { operation: 'message', inputMode: 'items', options: { model: 'gpt-4o', imageFields: 'photo' } };
		const ok = await runWorkflow({
			nodes: [{ type: IMAGE_SOURCE_NODE_TYPE, parameters: {} }, { name: 'Chat', parameters: itemsMode }],
			input: [
				{ role: 'user', content: 'Look', files: { photo: gif } },
				{ role: 'assistant', content: 'A GIF.' },
				{ role: 'user', content: 'And this?', files: { photo: gif } },
			],
			credentials: api.credentials(),
		});
		expect(ok.outputsOf('Chat')[0][0].json.reply).toBe('Echo (gpt-4o, 3 messages, 2 images): And this?');
		const sent = api.chatRequests()[0].body as { messages: Array<{ content: unknown }> };
		expect(sent.messages.map((message) => typeof message.content)).toEqual(['object', 'string', 'object']);

		const bad = await runWorkflow({
			nodes: [{ type: IMAGE_SOURCE_NODE_TYPE, parameters: {} }, { name: 'Chat', parameters: itemsMode }],
			input: [
				{ role: 'user', content: 'Look' },
				{ role: 'assistant', content: 'A GIF.', files: { photo: gif } },
			],
			credentials: api.credentials(),
		});
		expect(bad.error).toMatchObject({
			message: 'imageFields: binary property "photo" is on an item whose message is assistant; images go with user messages only',
			context: expect.objectContaining({ itemIndex: 1 }),
		});
		expect(api.chatRequests()).toHaveLength(1);
	});
});
