import type { IDataObject } from 'n8n-workflow';

import { first, isObject, numberOrNull } from '../values';
import { splitSystemText } from './systemText';
import type { ApiFormat, ChatTurn } from './types';

/** A message as Gemini takes it: role user or model, its text and images as parts. */
const geminiContent = ({ role, content, images = [] }: ChatTurn): IDataObject => ({
	role: role === 'assistant' ? 'model' : role,
	parts: [
		{ text: content },
		...images.map(({ mimeType, data }) => ({ inlineData: { mimeType, data } })),
	],
});

/**
 * Google's Gemini format: `messages` is an object with `contents` (roles user and model) and the
 * system text in `system_instruction`; the answer has `candidates[0].content.parts[0].text`,
 * `finishReason`, `usageMetadata`.
 */
export const gemini: ApiFormat<'gemini'> = {
	name: 'gemini',
	label: 'Google Gemini',
	optionDescription:
		'Messages as an object: "contents" with the roles user and model, the system text in "system_instruction"',
	slugPrefix: 'gemini',
	takesJsonObject: true,
	systemApart: true,
	conversationFields(conversation) {
		const { systemText, turns } = splitSystemText(conversation);
		return {
			messages: {
				...(systemText !== undefined && { system_instruction: { parts: { text: systemText } } }),
				contents: turns.map(geminiContent),
			},
		};
	},
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
	finishReasons: {
		STOP: 'stop',
		MAX_TOKENS: 'length',
		SAFETY: 'content-filter',
		RECITATION: 'content-filter',
	},
};
