import type { IDataObject } from 'n8n-workflow';

import { parseJsonText } from './json';
import type { ApiOutcome } from './transport/ApiOutcome';

export interface Usage {
	promptTokens: number | null;
	completionTokens: number | null;
	totalTokens: number | null;
}

const ERROR_TEXT_LIMIT = 200;

const isObject = (value: unknown): value is IDataObject =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const numberOrNull = (value: unknown): number | null =>
	typeof value === 'number' && Number.isFinite(value) ? value : null;

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : undefined);

/** The body as JSON when it is JSON text; an answer without a JSON content type arrives as text. */
export function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	return parseJsonText(body)?.value ?? body;
}

/** The assistant text from the OpenAI, Anthropic or Gemini shape Segmind passes through. */
export function readReply(body: unknown): string | null {
	if (!isObject(body)) return null;
	const openAi = first(body.choices) as IDataObject | undefined;
	const anthropic = first(body.content) as IDataObject | undefined;
	const gemini = first(body.candidates) as IDataObject | undefined;
	const geminiPart = isObject(gemini?.content) ? first(gemini.content.parts) : undefined;
	const candidates = [
		isObject(openAi?.message) ? openAi.message.content : undefined,
		isObject(anthropic) ? anthropic.text : undefined,
		isObject(geminiPart) ? geminiPart.text : undefined,
	];
	const reply = candidates.find((text) => typeof text === 'string');
	return typeof reply === 'string' ? reply : null;
}

/** Token counts in one shape, whichever provider answered. */
export function readUsage(body: unknown): Usage | null {
	if (!isObject(body)) return null;
	if (isObject(body.usageMetadata)) {
		const { promptTokenCount, candidatesTokenCount, totalTokenCount } = body.usageMetadata;
		return {
			promptTokens: numberOrNull(promptTokenCount),
			completionTokens: numberOrNull(candidatesTokenCount),
			totalTokens: numberOrNull(totalTokenCount),
		};
	}
	if (!isObject(body.usage)) return null;
	const usage = body.usage;
	if ('input_tokens' in usage || 'output_tokens' in usage) {
		const promptTokens = numberOrNull(usage.input_tokens);
		const completionTokens = numberOrNull(usage.output_tokens);
		const totalTokens =
			promptTokens === null && completionTokens === null
				? null
				: (promptTokens ?? 0) + (completionTokens ?? 0);
		return { promptTokens, completionTokens, totalTokens };
	}
	return {
		promptTokens: numberOrNull(usage.prompt_tokens),
		completionTokens: numberOrNull(usage.completion_tokens),
		totalTokens: numberOrNull(usage.total_tokens),
	};
}

/** The provider's own finish reason (finish_reason, stop_reason or finishReason). */
export function readFinishReason(body: unknown): string | null {
	if (!isObject(body)) return null;
	const openAi = first(body.choices);
	const gemini = first(body.candidates);
	const reasons = [
		isObject(openAi) ? openAi.finish_reason : undefined,
		body.stop_reason,
		isObject(gemini) ? gemini.finishReason : undefined,
	];
	const reason = reasons.find((value) => typeof value === 'string');
	return typeof reason === 'string' ? reason : null;
}

/** The balance from the x-remaining-credits header; null when absent or not a number. */
export function readRemainingCredits(headers: IDataObject): number | null {
	const value = headers['x-remaining-credits'];
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' || text.trim() === '') return null;
	const credits = Number(text);
	return Number.isFinite(credits) ? credits : null;
}

const clip = (text: string) => text.slice(0, ERROR_TEXT_LIMIT);

/** Why a request failed, in the API's own words where it gave any. */
export function readErrorText(outcome: ApiOutcome): string {
	if (!outcome.answered) return outcome.message;
	const body = parseBody(outcome.body);
	if (isObject(body)) {
		for (const key of ['error', 'message']) {
			const text = body[key];
			if (typeof text === 'string' && text !== '') return text;
			if (isObject(text) && typeof text.message === 'string') return text.message;
		}
		return clip(JSON.stringify(body));
	}
	if (typeof body === 'string' && body.trim() !== '') return clip(body);
	if (body !== undefined && body !== null && typeof body !== 'string')
		return clip(JSON.stringify(body));
	// An empty body says nothing: the reason phrase is the best text there is.
	return outcome.reasonPhrase || `HTTP ${outcome.statusCode}`;
}
