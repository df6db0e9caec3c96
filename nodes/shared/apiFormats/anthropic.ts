import type { IDataObject } from 'n8n-workflow';

import { first, isObject, numberOrNull } from '../values';
import { messageWithImages } from './requestBody';
import { splitSystemText } from './systemText';
import type { ApiFormat, InlineImage } from './types';

const imageBlock = ({ mimeType, data }: InlineImage): IDataObject => ({
	type: 'image',
	source: { type: 'base64', media_type: mimeType, data },
});

/**
 * Anthropic's Claude format: roles user and assistant only, the system text in a top-level
 * `instruction`; the answer has `content[0].text`, `stop_reason`, `usage.input_tokens`/`output_tokens`.
 */
export const anthropic: ApiFormat<'anthropic'> = {
	name: 'anthropic',
	label: 'Anthropic Claude',
	optionDescription:
		'User and assistant messages; the system text goes in a top-level "instruction" field',
	slugPrefix: 'claude',
	takesJsonObject: false,
	systemApart: true,
	conversationFields(conversation) {
		const { systemText, turns } = splitSystemText(conversation);
		return {
			...(systemText !== undefined && { instruction: systemText }),
			messages: turns.map((turn) => messageWithImages(turn, imageBlock)),
		};
	},
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
	finishReasons: {
		end_turn: 'stop',
		stop_sequence: 'stop',
		max_tokens: 'length',
		tool_use: 'tool-calls',
	},
};
