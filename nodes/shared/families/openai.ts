import type { IDataObject } from 'n8n-workflow';

import { first, isObject, numberOrNull } from '../values';
import type { ModelFamily } from './types';

/** OpenAI's chat format (gpt-*, o*, llama, deepseek, ...): `messages` as sent, `choices` back. */
export const openAi: ModelFamily = {
	format: 'openai',
	conversationFields: (conversation) => ({ messages: conversation }),
	readReply(body) {
		const choice = first(body.choices);
		const content =
			isObject(choice) && isObject(choice.message) ? choice.message.content : undefined;
		return typeof content === 'string' ? content : undefined;
	},
	readUsage(body) {
		const usage = body.usage;
		if (
			!isObject(usage) ||
			!['prompt_tokens', 'completion_tokens', 'total_tokens'].some((key) => key in usage)
		)
			return undefined;
		return {
			promptTokens: numberOrNull(usage.prompt_tokens),
			completionTokens: numberOrNull(usage.completion_tokens),
			totalTokens: numberOrNull(usage.total_tokens),
		};
	},
	readFinishReason(body: IDataObject) {
		const choice = first(body.choices);
		const reason = isObject(choice) ? choice.finish_reason : undefined;
		return typeof reason === 'string' ? reason : undefined;
	},
};
