import { first, isObject, numberOrNull } from '../values';
import type { AnswerReader } from './types';

/** Anthropic's answer: `content[0].text`, `stop_reason`, `usage.input_tokens`/`output_tokens`. */
export const anthropic: AnswerReader = {
	readReply(body) {
		const block = first(body.content);
		const text = isObject(block) ? block.text : undefined;
		return typeof text === 'string' ? text : undefined;
	},
	readUsage(body) {
		const usage = body.usage;
		if (!isObject(usage) || !('input_tokens' in usage || 'output_tokens' in usage))
			return undefined;
		const promptTokens = numberOrNull(usage.input_tokens);
		const completionTokens = numberOrNull(usage.output_tokens);
		// Anthropic gives no total: it is the sum of what there is.
		const totalTokens =
			promptTokens === null && completionTokens === null
				? null
				: (promptTokens ?? 0) + (completionTokens ?? 0);
		return { promptTokens, completionTokens, totalTokens };
	},
	readFinishReason: (body) => (typeof body.stop_reason === 'string' ? body.stop_reason : undefined),
};
