// Checks a chat request body the way Segmind does: 406 for the transport, 400 for the content,
// which must be in the model family's own format.
import { readJsonObject, type BodyError, type RequestBody } from './body';
import { anthropicTurns } from './formats/anthropic';
import { geminiTurns } from './formats/gemini';
import { openAiTurns } from './formats/openai';
import { readResponseFormat, type ResponseFormat } from './formats/responseFormat';
import type { Json, ParsedTurns, Turn } from './formats/turns';
import type { Family } from './models';
import { parseTools, type FunctionTool } from './tools';

export interface ChatRequest {
	turns: Turn[];
	maxTokens?: number;
	responseFormat: ResponseFormat;
	/** OpenAI-format function tools, when the body has `tools`. */
	tools?: FunctionTool[];
}

export type ParsedChat = { request: ChatRequest } | BodyError;

const TURNS: Record<Family, (body: Json) => ParsedTurns> = {
	openai: (body) => openAiTurns(body.messages),
	anthropic: anthropicTurns,
	gemini: (body) => geminiTurns(body.messages),
};

export function parseChat(
	contentType: string | undefined,
	requestBody: RequestBody,
	family: Family,
): ParsedChat {
	const read = readJsonObject(contentType, requestBody);
	if ('error' in read) return read;
	const body = read.value;
	const parsed = TURNS[family](body);
	if ('error' in parsed) return { status: 400, error: parsed.error };
	const { max_tokens: maxTokens, temperature } = body;
	if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && (maxTokens as number) > 0)) {
		return { status: 400, error: '"max_tokens" must be a positive integer' };
	}
	if (temperature !== undefined && typeof temperature !== 'number') {
		return { status: 400, error: '"temperature" must be a number' };
	}
	const format = readResponseFormat(body.response_format, family, parsed.turns);
	if ('error' in format) return { status: 400, error: format.error };
	// Only the OpenAI format has tools; the other families' bodies keep theirs unread.
	const tools = family === 'openai' ? parseTools(body.tools) : undefined;
	if (typeof tools === 'string') return { status: 400, error: tools };
	return {
		request: {
			turns: parsed.turns,
			maxTokens: maxTokens as number | undefined,
			responseFormat: format.format,
			...(tools && { tools }),
		},
	};
}
