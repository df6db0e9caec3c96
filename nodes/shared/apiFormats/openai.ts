import type { IDataObject } from 'n8n-workflow';

import { first, isObject, numberOrNull } from '../values';
import { messageWithImages } from './contentParts';
import type { InlineImage, ApiFormat } from './types';

// A data: URL: Segmind's own fetching of image URLs fails for some hosts.
const imageUrlPart = ({ mimeType, data }: InlineImage): IDataObject => ({
	type: 'image_url',
	image_url: { url: `data:${mimeType};base64,${data}` },
});

/**
 * OpenAI's chat format (gpt-*, o*, llama, deepseek, ...): `messages` with system roles, `choices`
 * back. No slug prefix: `auto` gives it every slug the other formats do not claim.
 */
export const openAi: ApiFormat<'openai'> = {
	name: 'openai',
	label: 'OpenAI',
	optionDescription:
		'Messages with the roles system, user and assistant (gpt-*, o*, llama, deepseek models)',
	takesJsonObject: true,
	systemApart: false,
	conversationFields: (conversation) => ({
		messages: conversation.map((turn) => messageWithImages(turn, imageUrlPart)),
	}),
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
	finishReasons: {
		stop: 'stop',
		length: 'length',
		tool_calls: 'tool-calls',
		function_call: 'tool-calls',
		content_filter: 'content-filter',
	},
};
