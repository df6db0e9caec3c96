// Each API format end to end: n8n-core's WorkflowExecute runs the node against the emulator,
// which refuses a body not in the API format of the slug (as Segmind does).
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useEmulator } from './support/emulatorFixture';
import { IMAGE_SOURCE_NODE_TYPE } from './support/imageSourceNode';
import { runWorkflow } from './support/runWorkflow';
import { storeBinaryDataOutsideItems } from './support/storedBinaryData';

const api = useEmulator();

let png: string;
beforeAll(async () => {
	png = Buffer.from(await (await fetch(`${api.emulator.url}/samples/cat.png`)).arrayBuffer()).toString('base64');
});

const ok = { success: true, statusCode: 200, status: 'ok', statusMessage: 'OK' };

const describeImage = (options: IDataObject): INodeParameters => ({
	operation: 'message',
	messages: {
		values: [
			{ role: 'system', content: 'You describe images.' },
			{ role: 'user', content: 'What is in this picture?' },
		],
	},
	options: { imageFields: 'photo', ...options },
});

const imageInput = () => [{ files: { photo: { base64: png, mimeType: 'image/png', fileName: 'cat.png' } } }];

/** A system message and a user message with one image, from an image made by a previous node. */
async function sendImage(model: string) {
	const run = await runWorkflow({
		nodes: [
			{ name: 'Image', type: IMAGE_SOURCE_NODE_TYPE, parameters: {} },
			{ name: 'Describe', parameters: describeImage({ model }) },
		],
		input: imageInput(),
		credentials: api.credentials(),
	});
	const [sent] = api.chatRequests();
	return { item: run.outputsOf('Describe')[0][0], body: sent.body, status: sent.status };
}

const textOnlyMessages = (reply: string) => [
	{ role: 'system', content: 'You describe images.' },
	{ role: 'user', content: 'What is in this picture?' },
	{ role: 'assistant', content: reply },
];

test('OpenAI format (gpt-4o): the system message in messages, the image as a data: URL part', async () => {
	const { item, body, status } = await sendImage('gpt-4o');
	expect(status).toBe(200);
	expect(body).toStrictEqual({
		messages: [
			{ role: 'system', content: 'You describe images.' },
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'What is in this picture?' },
					{ type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
				],
			},
		],
	});
	const reply = 'Echo (gpt-4o, 2 messages, 1 images): What is in this picture?';
	expect(item.json).toMatchObject({ ...ok, reply, apiFormat: 'openai', messages: textOnlyMessages(reply) });
	expect(item.pairedItem).toEqual({ item: 0 });
});

test('Anthropic Claude format (claude-4-sonnet): the system text in instruction, the image as a base64 block', async () => {
	const { item, body, status } = await sendImage('claude-4-sonnet');
	expect(status).toBe(200);
	expect(body).toStrictEqual({
		instruction: 'You describe images.',
		messages: [
			{
				role: 'user',
				content: [
					{ type: 'text', text: 'What is in this picture?' },
					{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } },
				],
			},
		],
	});
	const reply = 'Echo (claude-4-sonnet, 2 messages, 1 images): What is in this picture?';
	expect(item.json).toMatchObject({ ...ok, reply, apiFormat: 'anthropic', messages: textOnlyMessages(reply) });
});

test('Google Gemini format (gemini-2.5-pro): messages as an object, the image as inlineData', async () => {
	const { item, body, status } = await sendImage('gemini-2.5-pro');
	expect(status).toBe(200);
	expect(body).toStrictEqual({
		messages: {
			system_instruction: { parts: { text: 'You describe images.' } },
			contents: [
				{
					role: 'user',
					parts: [{ text: 'What is in this picture?' }, { inlineData: { mimeType: 'image/png', data: png } }],
				},
			],
		},
	});
	const reply = 'Echo (gemini-2.5-pro, 2 messages, 1 images): What is in this picture?';
	expect(item.json).toMatchObject({ ...ok, reply, apiFormat: 'gemini', messages: textOnlyMessages(reply) });
});

test('no image data in any output', async () => {
	const run = await runWorkflow({
		nodes: [
			{ name: 'Image', type: IMAGE_SOURCE_NODE_TYPE, parameters: {} },
			{ name: 'Describe', parameters: describeImage({ model: 'claude-4-sonnet', includeRawResponse: true }) },
		],
		input: imageInput(),
		credentials: api.credentials(),
	});
	expect(JSON.stringify(run.outputsOf('Describe'))).not.toContain(png.slice(0, 40));
});

test('a chosen apiFormat wins over the slug', async () => {
	const { items } = await runWorkflow({
		nodes: [{ parameters: { operation: 'message', messages: { values: [{ role: 'user', content: 'Hi' }] }, options: { model: 'gemini-2.5-pro', apiFormat: 'openai' } } }],
		input: [{}],
		credentials: api.credentials(),
	});
	// The emulator speaks Gemini for gemini-* slugs, so the OpenAI body is refused there.
	expect(items[0].json).toMatchObject({ status: 'http_error', statusCode: 400, apiFormat: 'openai', error: expect.stringMatching(/"messages" must be an object/) });
	expect(api.chatRequests()[0].body).toStrictEqual({ messages: [{ role: 'user', content: 'Hi' }] });
});

test('binary data kept outside the items (as in database or S3 mode) is read through the binary helpers', async () => {
	const stored = storeBinaryDataOutsideItems();
	try {
		const run = await runWorkflow({
			nodes: [
				{ name: 'Image', type: IMAGE_SOURCE_NODE_TYPE, parameters: {} },
				{ name: 'Describe', parameters: describeImage({ model: 'claude-4-sonnet' }) },
			],
			input: imageInput(),
			credentials: api.credentials(),
		});
		const binary = run.outputsOf('Image')[0][0].binary!.photo;
		expect(binary).toMatchObject({ id: 'filesystem-v2:file-1', data: 'filesystem-v2', bytes: Buffer.from(png, 'base64').length });
		expect(stored.reads).toEqual(['file-1']);
		expect(run.outputsOf('Describe')[0][0].json).toMatchObject({ ...ok, reply: 'Echo (claude-4-sonnet, 2 messages, 1 images): What is in this picture?' });
		expect(JSON.stringify(api.chatRequests()[0].body)).toContain(png);
	} finally {
		stored.restore();
	}
});

test('a conversation moves from a gpt-* slug to a claude-* slug to a gemini-* slug, each body in its own format', async () => {
	const next = (model: string, question: string): INodeParameters => ({
		operation: 'message',
		inputMode: 'field',
		messagesField: `={{ $json.messages.concat([{ role: 'user', content: '${question}' }]) }}`,
		options: { model },
	});
	const run = await runWorkflow({
		nodes: [
			{
				name: 'GPT',
				parameters: {
					operation: 'message',
					messages: { values: [{ role: 'user', content: 'Name a colour.' }] },
					options: { model: 'gpt-4o', systemMessage: 'Be brief.' },
				},
			},
			{ name: 'Claude', parameters: next('claude-4-sonnet', 'Name a fruit.') },
			{ name: 'Gemini', parameters: next('gemini-2.5-pro', 'Name a city.') },
		],
		input: [{}],
		credentials: api.credentials(),
	});
	const replies = ['GPT', 'Claude', 'Gemini'].map((node) => run.outputsOf(node)[0][0].json.reply);
	expect(replies).toEqual([
		'Echo (gpt-4o, 2 messages): Name a colour.',
		'Echo (claude-4-sonnet, 4 messages): Name a fruit.',
		'Echo (gemini-2.5-pro, 6 messages): Name a city.',
	]);
	expect(api.chatRequests().map(({ path, body, status }) => ({ path, body, status }))).toStrictEqual([
		{
			path: '/v1/gpt-4o',
			status: 200,
			body: { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Name a colour.' }] },
		},
		{
			path: '/v1/claude-4-sonnet',
			status: 200,
			body: {
				instruction: 'Be brief.',
				messages: [
					{ role: 'user', content: 'Name a colour.' },
					{ role: 'assistant', content: replies[0] },
					{ role: 'user', content: 'Name a fruit.' },
				],
			},
		},
		{
			path: '/v1/gemini-2.5-pro',
			status: 200,
			body: {
				messages: {
					system_instruction: { parts: { text: 'Be brief.' } },
					contents: [
						{ role: 'user', parts: [{ text: 'Name a colour.' }] },
						{ role: 'model', parts: [{ text: replies[0] }] },
						{ role: 'user', parts: [{ text: 'Name a fruit.' }] },
						{ role: 'model', parts: [{ text: replies[1] }] },
						{ role: 'user', parts: [{ text: 'Name a city.' }] },
					],
				},
			},
		},
	]);
	// The conversation stays neutral: the system message as a message, whatever the format.
	expect(run.outputsOf('Gemini')[0][0].json.messages).toEqual([
		{ role: 'system', content: 'Be brief.' },
		{ role: 'user', content: 'Name a colour.' },
		{ role: 'assistant', content: replies[0] },
		{ role: 'user', content: 'Name a fruit.' },
		{ role: 'assistant', content: replies[1] },
		{ role: 'user', content: 'Name a city.' },
		{ role: 'assistant', content: replies[2] },
	]);
});
