// Checks a chat request body the way Segmind does: 406 for the transport, 400 for the content.
import type { RequestBody } from './body';
import { parseTools, type FunctionTool } from './tools';

export interface ChatMessage {
	role: 'user' | 'assistant' | 'system' | 'tool';
	/** An assistant turn that only calls tools has none (null in the body): ''. */
	content: string;
}

export interface ChatRequest {
	messages: ChatMessage[];
	maxTokens?: number;
	/** OpenAI-format function tools, when the body has `tools`. */
	tools?: FunctionTool[];
}

export type ParsedChat = { request: ChatRequest } | { status: 400 | 406; error: string };

const ROLES = ['user', 'assistant', 'system', 'tool'];

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
	const { messages, max_tokens: maxTokens, temperature, tools } = body as Record<string, unknown>;
	if (!Array.isArray(messages) || messages.length === 0) {
		return { status: 400, error: '"messages" must be a non-empty array' };
	}
	const checked: ChatMessage[] = [];
	for (const [index, message] of messages.entries()) {
		const {
			role,
			content,
			tool_calls: toolCalls,
			tool_call_id: toolCallId,
		} = (message ?? {}) as Record<string, unknown>;
		if (typeof role !== 'string' || !ROLES.includes(role)) {
			return { status: 400, error: `messages[${index}].role must be one of ${ROLES.join(', ')}` };
		}
		const callsTools = role === 'assistant' && Array.isArray(toolCalls) && toolCalls.length > 0;
		if (typeof content !== 'string' && !(callsTools && content === null)) {
			return { status: 400, error: `messages[${index}].content must be a string` };
		}
		if (role === 'tool' && typeof toolCallId !== 'string') {
			return { status: 400, error: `messages[${index}].tool_call_id must be a string` };
		}
		checked.push({ role: role as ChatMessage['role'], content: content ?? '' });
	}
	if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && (maxTokens as number) > 0)) {
		return { status: 400, error: '"max_tokens" must be a positive integer' };
	}
	if (temperature !== undefined && typeof temperature !== 'number') {
		return { status: 400, error: '"temperature" must be a number' };
	}
	const parsedTools = parseTools(tools);
	if (typeof parsedTools === 'string') return { status: 400, error: parsedTools };
	return {
		request: {
			messages: checked,
			maxTokens: maxTokens as number | undefined,
			...(parsedTools && { tools: parsedTools }),
		},
	};
}
