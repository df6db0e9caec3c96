// Checks a chat request body the way Segmind does: 406 for the transport, 400 for the content.
import type { RequestBody } from './body';

export interface ChatMessage {
	role: 'user' | 'assistant' | 'system';
	content: string;
}

export interface ChatRequest {
	messages: ChatMessage[];
	maxTokens?: number;
}

export type ParsedChat = { request: ChatRequest } | { status: 400 | 406; error: string };

const ROLES = ['user', 'assistant', 'system'];

const isJsonContentType = (header: string | undefined) =>
	header?.split(';')[0].trim().toLowerCase() === 'application/json';

export function parseChat(contentType: string | undefined, { json }: RequestBody): ParsedChat {
	if (!isJsonContentType(contentType)) {
		return { status: 406, error: 'Content-Type must be application/json' };
	}
	if (!json) return { status: 406, error: 'Request body is not valid JSON' };
	const body = json.value;
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return { status: 400, error: 'Request body must be a JSON object' };
	}
	const { messages, max_tokens: maxTokens, temperature } = body as Record<string, unknown>;
	if (!Array.isArray(messages) || messages.length === 0) {
		return { status: 400, error: '"messages" must be a non-empty array' };
	}
	for (const [index, message] of messages.entries()) {
		const { role, content } = (message ?? {}) as Record<string, unknown>;
		if (typeof role !== 'string' || !ROLES.includes(role)) {
			return { status: 400, error: `messages[${index}].role must be one of ${ROLES.join(', ')}` };
		}
		if (typeof content !== 'string') {
			return { status: 400, error: `messages[${index}].content must be a string` };
		}
	}
	if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && (maxTokens as number) > 0)) {
		return { status: 400, error: '"max_tokens" must be a positive integer' };
	}
	if (temperature !== undefined && typeof temperature !== 'number') {
		return { status: 400, error: '"temperature" must be a number' };
	}
	return {
		request: { messages: messages as ChatMessage[], maxTokens: maxTokens as number | undefined },
	};
}
