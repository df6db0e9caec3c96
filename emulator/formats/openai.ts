// OpenAI's format (gpt-*, o*, llama, deepseek): `messages` with the roles system, user,
// assistant and tool; content a string, or parts: {type: "text"} and {type: "image_url"}. An
// assistant turn that only calls tools has `tool_calls` and a null content; a tool turn names
// the call it answers in `tool_call_id`.
import { imageError } from './images';
import { isJsonObject } from '../body';
import { readMessages, type Json, type PartReader, type ParsedTurns } from './turns';

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

const readPart: PartReader = (part, where) => {
	if (!isJsonObject(part)) return `${where} must be an object`;
	if (part.type === 'text') {
		return typeof part.text === 'string' ? { text: part.text } : `${where}.text must be a string`;
	}
	if (part.type === 'image_url') {
		const url = isJsonObject(part.image_url) ? part.image_url.url : undefined;
		if (typeof url !== 'string') return `${where}.image_url.url must be a string`;
		if (/^https?:\/\//.test(url)) return { image: true };
		const dataUrl = DATA_URL.exec(url);
		if (!dataUrl) return `${where}.image_url.url must be an http(s) URL or a base64 data: URL`;
		return imageError(`${where}.image_url.url`, dataUrl[1], dataUrl[2]) ?? { image: true };
	}
	return `${where}.type must be text or image_url`;
};

const callsTools = (message: Json) =>
	message.role === 'assistant' && Array.isArray(message.tool_calls) && message.tool_calls.length > 0;

export function openAiTurns(messages: unknown): ParsedTurns {
	if (!Array.isArray(messages)) return readMessages(messages, [], readPart);
	for (const [index, message] of messages.entries()) {
		if (isJsonObject(message) && message.role === 'tool' && typeof message.tool_call_id !== 'string') {
			return { error: `messages[${index}].tool_call_id must be a string` };
		}
	}
	// A tool-calling assistant turn has no text: read it as an empty one.
	const withText = messages.map((message: unknown) =>
		isJsonObject(message) && callsTools(message) && message.content === null
			? { ...message, content: '' }
			: message,
	);
	return readMessages(withText, ['user', 'assistant', 'system', 'tool'], readPart);
}
