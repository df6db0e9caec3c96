// Each family's request format, as Segmind documents it: what is accepted, and the 400s for
// what Segmind refuses. Images are counted in the reply; response_format requests get JSON.
import { call, remaining } from './support/client';
import { startEmulator, type Emulator } from '../../emulator/server';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator();
});
beforeEach(() => emulator.reset());
afterAll(async () => emulator.close());

let png: string;
beforeAll(async () => {
	png = Buffer.from(await (await fetch(`${emulator.url}/samples/cat.png`)).arrayBuffer()).toString('base64');
});

const send = (slug: string, body: object) => call(emulator, `/v1/${slug}`, { body });

async function replyOf(slug: string, body: object): Promise<string> {
	const answer = await send(slug, body);
	expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: expect.any(String) });
	const json = JSON.parse(answer.text);
	return json.choices?.[0].message.content ?? json.content?.[0].text ?? json.candidates[0].content.parts[0].text;
}

const errorOf = async (slug: string, body: object) => {
	const answer = await send(slug, body);
	expect(answer.status).toBe(400);
	expect(remaining(answer)).toBe('1000.5');
	return (JSON.parse(answer.text) as { error: string }).error;
};

const gemini = (contents: object[], system?: string) => ({
	messages: { ...(system && { system_instruction: { parts: { text: system } } }), contents },
});
const geminiUser = (...parts: object[]) => ({ role: 'user', parts });

describe('Anthropic Claude format', () => {
	test('the system text in instruction counts as a message; user and assistant roles only', async () => {
		const body = {
			instruction: 'Be brief.',
			messages: [
				{ role: 'user', content: 'Hi' },
				{ role: 'assistant', content: 'Hello.' },
				{ role: 'user', content: 'How are you?' },
			],
		};
		expect(await replyOf('claude-4-sonnet', body)).toBe('Echo (claude-4-sonnet, 4 messages): How are you?');
	});

	test('a system role in messages is refused, pointing at instruction', async () => {
		const body = { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }] };
		expect(await errorOf('claude-4-sonnet', body)).toMatch(/messages\[0\]\.role "system".*instruction/);
	});

	test('a base64 image block is counted', async () => {
		const image = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png } };
		const body = { messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, image, image] }] };
		expect(await replyOf('claude-4-sonnet', body)).toBe('Echo (claude-4-sonnet, 1 messages, 2 images): What is this?');
	});

	test.each([
		['a URL source', { type: 'url', url: 'https://example.com/cat.png' }, /base64 encoded with media_type/],
		['an unknown media type', { type: 'base64', media_type: 'application/pdf', data: 'JVBERg==' }, /media type/],
		['data that is not base64', { type: 'base64', media_type: 'image/png', data: 'not base64!' }, /base64/],
		['bytes that are not that image', { type: 'base64', media_type: 'image/jpeg', data: 'PLACEHOLDER' }, /not a image\/jpeg image/],
	])('an image with %s is refused', async (_name, source, message) => {
		const data = (source as { data?: string }).data === 'PLACEHOLDER' ? { ...source, data: png } : source;
		const body = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'image', source: data }] }] };
		expect(await errorOf('claude-4-sonnet', body)).toMatch(message);
	});
});

describe('Google Gemini format', () => {
	test('messages is an object: system_instruction counts as a message, model is the assistant', async () => {
		const body = gemini(
			[geminiUser({ text: 'Hi' }), { role: 'model', parts: [{ text: 'Hello.' }] }, geminiUser({ text: 'And you?' })],
			'Be brief.',
		);
		expect(await replyOf('gemini-2.5-pro', body)).toBe('Echo (gemini-2.5-pro, 4 messages): And you?');
	});

	test('inlineData images are counted', async () => {
		const body = gemini([geminiUser({ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: png } })]);
		expect(await replyOf('gemini-2.5-pro', body)).toBe('Echo (gemini-2.5-pro, 1 messages, 1 images): What is this?');
	});

	test('an array of messages is refused', async () => {
		expect(await errorOf('gemini-2.5-pro', { messages: [{ role: 'user', content: 'Hi' }] })).toMatch(
			/"messages" must be an object with "contents".*not an array/,
		);
	});

	test('a system role inside contents is refused, pointing at system_instruction', async () => {
		const body = gemini([{ role: 'system', parts: [{ text: 'Be brief.' }] }, geminiUser({ text: 'Hi' })]);
		expect(await errorOf('gemini-2.5-pro', body)).toMatch(/contents\[0\]\.role "system".*system_instruction/);
	});

	test('a malformed image part is refused', async () => {
		const body = gemini([geminiUser({ text: 'Hi' }, { inlineData: { mimeType: 'image/png', data: '' } })]);
		expect(await errorOf('gemini-2.5-pro', body)).toMatch(/contents\[0\]\.parts\[1\]\.inlineData: the image data must be base64/);
	});
});

describe('OpenAI format', () => {
	test('image_url parts with a data URL are counted', async () => {
		const body = {
			messages: [
				{ role: 'system', content: 'Be brief.' },
				{
					role: 'user',
					content: [
						{ type: 'text', text: 'What is this?' },
						{ type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } },
					],
				},
			],
		};
		expect(await replyOf('gpt-4o', body)).toBe('Echo (gpt-4o, 2 messages, 1 images): What is this?');
	});

	test.each([
		['no url', { type: 'image_url', image_url: {} }, /image_url\.url must be a string/],
		['a URL that is neither http nor data', { type: 'image_url', image_url: { url: 'file:///cat.png' } }, /http\(s\) URL or a base64 data: URL/],
		['a data URL that is not an image', { type: 'image_url', image_url: { url: 'data:text/plain;base64,aGk=' } }, /media type/],
		['an unknown part type', { type: 'audio', audio: {} }, /type must be text or image_url/],
	])('an image part with %s is refused', async (_name, part, message) => {
		const body = { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }, part] }] };
		expect(await errorOf('gpt-4o', body)).toMatch(message);
	});
});

describe('response_format', () => {
	const schema = {
		type: 'object',
		properties: { answer: { type: 'string' }, confidence: { type: 'number' }, tags: { type: 'array', items: { type: 'string' } } },
	};
	const jsonSchema = { type: 'json_schema', json_schema: { name: 'response', schema, strict: true } };

	test('json_object on an OpenAI-format model needs the word "json" in the messages', async () => {
		const body = { messages: [{ role: 'user', content: 'Hi' }], response_format: { type: 'json_object' } };
		expect(await errorOf('gpt-4o', body)).toMatch(/json_object needs the word "json"/);
		const asked = { ...body, messages: [{ role: 'user', content: 'Answer in JSON' }] };
		expect(JSON.parse(await replyOf('gpt-4o', asked))).toEqual({ reply: 'Echo (gpt-4o, 1 messages): Answer in JSON' });
	});

	test('json_object is refused for Claude, which takes only json_schema', async () => {
		const body = { messages: [{ role: 'user', content: 'Answer in JSON' }], response_format: { type: 'json_object' } };
		expect(await errorOf('claude-4-sonnet', body)).toMatch(/json_object is not accepted by Claude models/);
	});

	test('json_schema is answered with JSON that has the schema shape, in every family', async () => {
		const line = (slug: string) => `Echo (${slug}, 1 messages): Hi`;
		const expected = (slug: string) => ({ answer: line(slug), confidence: 1, tags: [line(slug)] });
		for (const [slug, body] of [
			['gpt-4o', { messages: [{ role: 'user', content: 'Hi' }] }],
			['claude-4-sonnet', { messages: [{ role: 'user', content: 'Hi' }] }],
			['gemini-2.5-pro', gemini([geminiUser({ text: 'Hi' })])],
		] as const) {
			expect(JSON.parse(await replyOf(slug, { ...body, response_format: jsonSchema }))).toEqual(expected(slug));
		}
	});

	test('json_object on Gemini needs no particular word', async () => {
		const body = { ...gemini([geminiUser({ text: 'Hi' })]), response_format: { type: 'json_object' } };
		expect(JSON.parse(await replyOf('gemini-2.5-pro', body))).toEqual({ reply: 'Echo (gemini-2.5-pro, 1 messages): Hi' });
	});

	test('a json_schema without a schema is refused', async () => {
		const body = { messages: [{ role: 'user', content: 'Hi' }], response_format: { type: 'json_schema', json_schema: { name: 'x' } } };
		expect(await errorOf('gpt-4o', body)).toMatch(/json_schema/);
	});

	test('#emulate:nonjson answers a 200, billed, whose reply is not JSON', async () => {
		const body = { messages: [{ role: 'user', content: 'Hi #emulate:nonjson' }], response_format: jsonSchema };
		const answer = await send('gpt-4o', body);
		expect(answer.status).toBe(200);
		expect(remaining(answer)).toBe('1000.25');
		const text = JSON.parse(answer.text).choices[0].message.content as string;
		expect(text).toBe('Here you go: Echo (gpt-4o, 1 messages): Hi #emulate:nonjson');
		expect(() => JSON.parse(text)).toThrow();
	});
});

describe('GET /samples/cat.png', () => {
	test('serves a PNG without a key, outside the request log and unbilled', async () => {
		const answer = await fetch(`${emulator.url}/samples/cat.png`);
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toBe('image/png');
		const bytes = Buffer.from(await answer.arrayBuffer());
		expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
		expect(emulator.log).toEqual([]);
	});

	test('an unknown sample is a 404', async () => {
		expect((await fetch(`${emulator.url}/samples/dog.png`)).status).toBe(404);
	});
});
