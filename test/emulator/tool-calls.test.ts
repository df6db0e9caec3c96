// OpenAI-format tools: a tool call until the conversation carries a tool result, then text; with
// dropTools the tools are ignored, as Segmind's gateway does today.
import { call } from './support/client';
import { startEmulator, type Emulator } from '../../emulator/server';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.close());
afterEach(() => emulator.configure({ dropTools: false }));

const calculator = {
	type: 'function',
	function: {
		name: 'Calculator',
		description: 'Evaluates a math expression',
		parameters: {
			type: 'object',
			properties: { input: { type: 'string' } },
			additionalProperties: false,
		},
	},
};

const question = { role: 'user', content: 'What is 6 * 7? Use the calculator.' };

async function send(slug: string, body: object) {
	const reply = await call(emulator, `/v1/${slug}`, { body });
	return { status: reply.status, body: JSON.parse(reply.text) };
}

it('calls the first tool, with the arithmetic of the last user message as its string argument', async () => {
	const { status, body } = await send('gpt-4o', { messages: [question], tools: [calculator] });
	expect(status).toBe(200);
	const seq = emulator.log.at(-1)!.seq;
	expect(body.choices).toEqual([
		{
			index: 0,
			message: {
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: `call_emulator_${seq}`,
						type: 'function',
						function: { name: 'Calculator', arguments: '{"input":"6 * 7"}' },
					},
				],
			},
			finish_reason: 'tool_calls',
		},
	]);
	// Tokens are whitespace-separated words: the arguments `{"input":"6 * 7"}` are three.
	expect(body.usage).toEqual({ prompt_tokens: 8, completion_tokens: 3, total_tokens: 11 });
});

it('builds every property from its schema type, and takes the text itself when it holds no arithmetic', async () => {
	const lookup = {
		type: 'function',
		function: {
			name: 'lookup',
			parameters: {
				type: 'object',
				properties: {
					query: { type: 'string' },
					limit: { type: 'integer' },
					score: { type: 'number' },
					exact: { type: 'boolean' },
					tags: { type: 'array', items: { type: 'string' } },
					filter: { type: 'object', properties: { lang: { type: 'string' } } },
				},
			},
		},
	};
	const { body } = await send('gpt-4o', {
		messages: [{ role: 'user', content: 'find cats' }],
		tools: [lookup, calculator],
	});
	const [toolCall] = body.choices[0].message.tool_calls;
	expect(toolCall.function.name).toBe('lookup');
	expect(JSON.parse(toolCall.function.arguments)).toEqual({
		query: 'find cats',
		limit: 0,
		score: 0,
		exact: false,
		tags: [],
		filter: { lang: 'find cats' },
	});
});

it('answers with text echoing the tool result once a tool message is present', async () => {
	const { status, body } = await send('gpt-4o', {
		tools: [calculator],
		messages: [
			question,
			{
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: 'call_1',
						type: 'function',
						function: { name: 'Calculator', arguments: '{"input":"6 * 7"}' },
					},
				],
			},
			{ role: 'tool', tool_call_id: 'call_1', content: '42' },
		],
	});
	expect(status).toBe(200);
	expect(body.choices[0].message).toEqual({
		role: 'assistant',
		content: 'Echo (gpt-4o, 3 messages): 42',
	});
	expect(body.choices[0].finish_reason).toBe('stop');
});

it('with dropTools, ignores the tools and answers with text', async () => {
	emulator.configure({ dropTools: true });
	const { body } = await send('gpt-4o', { messages: [question], tools: [calculator] });
	expect(body.choices[0].message).toEqual({
		role: 'assistant',
		content: 'Echo (gpt-4o, 1 messages): What is 6 * 7? Use the calculator.',
	});
});

it('answers tools with text for models that do not answer in the OpenAI shape', async () => {
	const { body } = await send('claude-4-sonnet', { messages: [question], tools: [calculator] });
	expect(body.content).toEqual([
		{
			type: 'text',
			text: 'Echo (claude-4-sonnet, 1 messages): What is 6 * 7? Use the calculator.',
		},
	]);
});

it.each([
	['not an array', { tools: {} }, '"tools" must be an array'],
	[
		'a tool without a name',
		{ tools: [{ type: 'function', function: {} }] },
		'tools[0] must be {type: "function", function: {name, parameters}}',
	],
	[
		'parameters that are not an object',
		{ tools: [{ type: 'function', function: { name: 'x', parameters: [] } }] },
		'tools[0].function.parameters must be an object',
	],
	[
		'a tool message without tool_call_id',
		{ messages: [question, { role: 'tool', content: '42' }] },
		'messages[1].tool_call_id must be a string',
	],
	[
		'null content without tool calls',
		{ messages: [question, { role: 'assistant', content: null }] },
		'messages[1].content must be a string or an array of content parts',
	],
])('rejects %s with 400', async (_name, fields, error) => {
	const { status, body } = await send('gpt-4o', { messages: [question], ...fields });
	expect(status).toBe(400);
	expect(body).toEqual({ error });
});

it('rejects a dropTools setting that is not a boolean', async () => {
	const reply = await call(emulator, '/__emulator/config', { body: { dropTools: 'yes' } });
	expect(reply.status).toBe(400);
	expect(reply.text).toContain('dropTools must be a boolean');
});
