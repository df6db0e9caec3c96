// OpenAI's format (gpt-*, o*, llama, deepseek): `messages` with the roles system, user and
// assistant; content a string, or parts: {type: "text"} and {type: "image_url"}.
import { imageError } from './images';
import { isJsonObject, type ParsedTurns, type Turn } from './turns';

const ROLES = ['user', 'assistant', 'system'];

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/** A content part's text or image; an error text for a malformed part. */
function readPart(part: unknown, where: string): { text?: string; image?: true } | string {
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
}

export function openAiTurns(messages: unknown): ParsedTurns {
	if (!Array.isArray(messages) || messages.length === 0) {
		return { error: '"messages" must be a non-empty array' };
	}
	const turns: Turn[] = [];
	for (const [index, message] of messages.entries()) {
		const { role, content } = (message ?? {}) as Record<string, unknown>;
		if (typeof role !== 'string' || !ROLES.includes(role)) {
			return { error: `messages[${index}].role must be one of ${ROLES.join(', ')}` };
		}
		const turn: Turn = { role: role as Turn['role'], text: '', images: 0 };
		if (typeof content === 'string') {
			turn.text = content;
		} else if (Array.isArray(content) && content.length > 0) {
			const texts: string[] = [];
			for (const [partIndex, part] of content.entries()) {
				const read = readPart(part, `messages[${index}].content[${partIndex}]`);
				if (typeof read === 'string') return { error: read };
				if (read.text !== undefined) texts.push(read.text);
				if (read.image) turn.images++;
			}
			turn.text = texts.join(' ');
		} else {
			return { error: `messages[${index}].content must be a string or an array of content parts` };
		}
		turns.push(turn);
	}
	return { turns };
}
