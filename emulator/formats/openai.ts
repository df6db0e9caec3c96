// OpenAI's format (gpt-*, o*, llama, deepseek): `messages` with the roles system, user and
// assistant; content a string, or parts: {type: "text"} and {type: "image_url"}.
import { imageError } from './images';
import { isJsonObject, readMessages, type PartReader, type ParsedTurns } from './turns';

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

export const openAiTurns = (messages: unknown): ParsedTurns =>
	readMessages(messages, ['user', 'assistant', 'system'], readPart);
