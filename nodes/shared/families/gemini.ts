import { first, isObject, numberOrNull } from '../values';
import type { AnswerReader } from './types';

/** Gemini's answer: `candidates[0].content.parts[0].text`, `finishReason`, `usageMetadata`. */
export const gemini: AnswerReader = {
	readReply(body) {
		const candidate = first(body.candidates);
		const part =
			isObject(candidate) && isObject(candidate.content)
				? first(candidate.content.parts)
				: undefined;
		const text = isObject(part) ? part.text : undefined;
		return typeof text === 'string' ? text : undefined;
	},
	readUsage(body) {
		const metadata = body.usageMetadata;
		if (!isObject(metadata)) return undefined;
		return {
			promptTokens: numberOrNull(metadata.promptTokenCount),
			completionTokens: numberOrNull(metadata.candidatesTokenCount),
			totalTokens: numberOrNull(metadata.totalTokenCount),
		};
	},
	readFinishReason(body) {
		const candidate = first(body.candidates);
		const reason = isObject(candidate) ? candidate.finishReason : undefined;
		return typeof reason === 'string' ? reason : undefined;
	},
};
