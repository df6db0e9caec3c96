// Each model family answers in its provider's own shape, with a reply tests can predict exactly.
import { call, chat } from './support/client';
import { startEmulator, type Emulator } from '../../emulator/server';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
afterAll(async () => emulator.close());

const OPENAI = [
	'gpt-4.5-preview',
	'gpt-4o',
	'gpt-4-turbo',
	'o4-mini',
	'o1-preview',
	'llama-v3p1-405b-instruct',
	'llama-v3p1-8b-instruct',
	'deepseek-chat',
];
const ANTHROPIC = ['claude-3.7-sonnet', 'claude-4-sonnet'];
const GEMINI = ['gemini-2.5-pro', 'gemini-2.0-flash'];

const conversation = [
	{ role: 'system', content: 'You are terse.' },
	{ role: 'user', content: 'What is two plus two?' },
	{ role: 'assistant', content: 'Four.' },
	{ role: 'user', content: 'And three plus three?' },
];
// Words: 3 + 5 + 1 + 4 = 13 prompt tokens.
const PROMPT_TOKENS = 13;

// The same conversation in each family's request format: the system text apart for Claude and Gemini.
const [system, ...turns] = conversation;
const bodies: Record<string, object> = {
	claude: { instruction: system.content, messages: turns },
	gemini: {
		messages: {
			system_instruction: { parts: { text: system.content } },
			contents: turns.map(({ role, content }) => ({
				role: role === 'assistant' ? 'model' : role,
				parts: [{ text: content }],
			})),
		},
	},
};
const bodyFor = (slug: string) => bodies[slug.split('-')[0]] ?? { messages: conversation };

async function send(slug: string, extra: object = {}) {
	const reply = await call(emulator, `/v1/${slug}`, { body: { ...bodyFor(slug), ...extra } });
	expect(reply.status).toBe(200);
	expect(reply.headers.get('content-type')).toBe('application/json');
	return JSON.parse(reply.text);
}

const replyText = (slug: string) => `Echo (${slug}, 4 messages): And three plus three?`;
// "Echo", "(slug,", "4", "messages):", then the 4 words of the last user message.
const REPLY_TOKENS = 8;

describe('OpenAI shape', () => {
	it.each(OPENAI)('%s answers a chat.completion', async (slug) => {
		const before = Math.floor(Date.now() / 1000);
		const body = await send(slug);
		const after = Math.floor(Date.now() / 1000);
		expect(body).toEqual({
			id: expect.stringMatching(/^chatcmpl-/),
			object: 'chat.completion',
			created: expect.any(Number),
			model: slug,
			choices: [
				{
					index: 0,
					message: { role: 'assistant', content: replyText(slug) },
					finish_reason: 'stop',
				},
			],
			usage: {
				prompt_tokens: PROMPT_TOKENS,
				completion_tokens: REPLY_TOKENS,
				total_tokens: PROMPT_TOKENS + REPLY_TOKENS,
			},
		});
		// Unix seconds of the moment it answered.
		expect(body.created).toBeGreaterThanOrEqual(before);
		expect(body.created).toBeLessThanOrEqual(after);
	});

	it('cuts the reply to max_tokens words and says length', async () => {
		const body = await send('gpt-4o', { max_tokens: 3 });
		expect(body.choices[0].message.content).toBe('Echo (gpt-4o, 4');
		expect(body.choices[0].finish_reason).toBe('length');
		expect(body.usage).toEqual({
			prompt_tokens: PROMPT_TOKENS,
			completion_tokens: 3,
			total_tokens: PROMPT_TOKENS + 3,
		});
	});
});

describe('Anthropic shape', () => {
	it.each(ANTHROPIC)('%s answers a message', async (slug) => {
		expect(await send(slug)).toEqual({
			id: expect.stringMatching(/^msg_/),
			type: 'message',
			role: 'assistant',
			model: slug,
			content: [{ type: 'text', text: replyText(slug) }],
			stop_reason: 'end_turn',
			stop_sequence: null,
			usage: { input_tokens: PROMPT_TOKENS, output_tokens: REPLY_TOKENS },
		});
	});

	it('cuts the reply to max_tokens words and says max_tokens', async () => {
		const body = await send('claude-4-sonnet', { max_tokens: 2 });
		expect(body.content[0].text).toBe('Echo (claude-4-sonnet,');
		expect(body.stop_reason).toBe('max_tokens');
		expect(body.usage.output_tokens).toBe(2);
	});
});

describe('Gemini shape', () => {
	it.each(GEMINI)('%s answers candidates', async (slug) => {
		expect(await send(slug)).toEqual({
			candidates: [
				{
					content: { role: 'model', parts: [{ text: replyText(slug) }] },
					finishReason: 'STOP',
					index: 0,
				},
			],
			usageMetadata: {
				promptTokenCount: PROMPT_TOKENS,
				candidatesTokenCount: REPLY_TOKENS,
				totalTokenCount: PROMPT_TOKENS + REPLY_TOKENS,
			},
			modelVersion: slug,
		});
	});

	it('cuts the reply to max_tokens words and says MAX_TOKENS', async () => {
		const body = await send('gemini-2.0-flash', { max_tokens: 1 });
		expect(body.candidates[0].content.parts[0].text).toBe('Echo');
		expect(body.candidates[0].finishReason).toBe('MAX_TOKENS');
		expect(body.usageMetadata.candidatesTokenCount).toBe(1);
	});
});

describe('reply text', () => {
	it('leaves a reply that fits max_tokens whole, with the normal finish reason', async () => {
		const body = await send('gpt-4o', { max_tokens: REPLY_TOKENS });
		expect(body.choices[0].message.content).toBe(replyText('gpt-4o'));
		expect(body.choices[0].finish_reason).toBe('stop');
	});

	it('accepts temperature without changing the reply', async () => {
		const hot = await send('gpt-4o', { temperature: 1.7 });
		expect(hot.choices[0].message.content).toBe(replyText('gpt-4o'));
	});

	it('echoes the last user message, not a later assistant one', async () => {
		const reply = await call(emulator, '/v1/gpt-4o', {
			body: {
				messages: [
					{ role: 'user', content: 'first' },
					{ role: 'assistant', content: 'second' },
				],
			},
		});
		expect(JSON.parse(reply.text).choices[0].message.content).toBe(
			'Echo (gpt-4o, 2 messages): first',
		);
	});

	it('echoes nothing after the colon when no user message was sent', async () => {
		const reply = await call(emulator, '/v1/gpt-4o', {
			body: { messages: [{ role: 'system', content: 'Be kind' }] },
		});
		expect(JSON.parse(reply.text).choices[0].message.content).toBe('Echo (gpt-4o, 1 messages): ');
	});

	it('keeps unicode and line breaks of the message as sent', async () => {
		const content = 'Grüße 👋\nzweite Zeile';
		const reply = await chat(emulator, 'gpt-4o', content);
		expect(JSON.parse(reply.text).choices[0].message.content).toBe(
			`Echo (gpt-4o, 1 messages): ${content}`,
		);
	});
});
