// Small HTTP helpers for the emulator's tests: plain fetch, and node:http where the socket matters.
import { request } from 'node:http';
import { DEMO_API_KEY, startEmulator, type Emulator, type EmulatorOptions } from '../../../emulator/server';

export interface Reply {
	status: number;
	headers: Headers;
	text: string;
}

export interface CallOptions {
	method?: string;
	/** null sends no x-api-key header. */
	key?: string | null;
	/** A string is sent as is; anything else as JSON. */
	body?: unknown;
	/** null sends no Content-Type header. */
	contentType?: string | null;
	signal?: AbortSignal;
}

export async function call(
	emulator: Emulator,
	path: string,
	options: CallOptions = {},
): Promise<Reply> {
	const {
		method = 'POST',
		key = DEMO_API_KEY,
		body,
		contentType = 'application/json',
		signal,
	} = options;
	const headers: Record<string, string> = {};
	if (key !== null) headers['x-api-key'] = key;
	if (contentType !== null && body !== undefined) headers['content-type'] = contentType;
	const payload =
		body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
	// A Blob body keeps fetch from adding a Content-Type of its own.
	const response = await fetch(`${emulator.url}${path}`, {
		method,
		headers,
		body: payload === undefined ? undefined : new Blob([payload]),
		signal,
	});
	return { status: response.status, headers: response.headers, text: await response.text() };
}

export const user = (content: string) => [{ role: 'user', content }];

/** One user message in the slug's family format: Gemini's `messages` is an object, the others' an array. */
export const userMessageBody = (slug: string, content: string) =>
	slug.startsWith('gemini')
		? { messages: { contents: [{ role: 'user', parts: [{ text: content }] }] } }
		: { messages: user(content) };

/** POST /v1/{slug} with one user message. */
export const chat = (
	emulator: Emulator,
	slug: string,
	content = 'Hello there',
	options: CallOptions = {},
) => call(emulator, `/v1/${slug}`, { body: userMessageBody(slug, content), ...options });

export const credits = (emulator: Emulator, key: string | null = DEMO_API_KEY) =>
	call(emulator, '/v1/get-user-credits', { method: 'GET', key });

export const remaining = (reply: Reply) => reply.headers.get('x-remaining-credits');

/** Sends a chat request with node:http and reports how it ended, including socket errors. */
export function rawChat(
	emulator: Emulator,
	slug: string,
	content: string,
	timeoutMs?: number,
): Promise<{ status?: number; body?: string; errorCode?: string }> {
	return new Promise((resolve) => {
		const req = request(
			`${emulator.url}/v1/${slug}`,
			{
				method: 'POST',
				headers: { 'x-api-key': DEMO_API_KEY, 'content-type': 'application/json' },
				timeout: timeoutMs,
			},
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (body += chunk));
				res.on('end', () => resolve({ status: res.statusCode, body }));
			},
		);
		req.on('timeout', () =>
			req.destroy(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })),
		);
		req.on('error', (error: NodeJS.ErrnoException) => resolve({ errorCode: error.code }));
		req.end(JSON.stringify({ messages: user(content) }));
	});
}

/**
 * Polls until `check` is true; the server sees a client's close a moment after the client does it.
 * The deadline only bounds a failure, so it is generous for a loaded machine.
 */
export async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** Runs `test` against an emulator of its own, closed afterwards even when the test fails. */
export async function withEmulator(
	options: EmulatorOptions,
	test: (emulator: Emulator) => Promise<void>,
): Promise<void> {
	const emulator = await startEmulator(options);
	try {
		await test(emulator);
	} finally {
		await emulator.close();
	}
}
