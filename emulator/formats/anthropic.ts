// Anthropic's Claude format: `messages` with the roles user and assistant only (the system prompt
// goes in a top-level `instruction`); content a string, or blocks: {type: "text"} and
// {type: "image", source: {type: "base64", media_type, data}}.
import { imageError } from './images';
import { isJsonObject, type Json, type ParsedTurns, type Turn } from './turns';

const ROLES = ['user', 'assistant'];

function readBlock(block: unknown, where: string): { text?: string; image?: true } | string {
	if (!isJsonObject(block)) return `${where} must be an object`;
	if (block.type === 'text') {
		return typeof block.text === 'string' ? { text: block.text } : `${where}.text must be a string`;
	}
	if (block.type === 'image') {
		const source = block.source;
		if (!isJsonObject(source) || source.type !== 'base64') {
			return `${where}.source must be {type: "base64", media_type, data}: images must be base64 encoded with media_type`;
		}
		return imageError(`${where}.source`, source.media_type, source.data) ?? { image: true };
	}
	return `${where}.type must be text or image`;
}

export function anthropicTurns(body: Json): ParsedTurns {
	const { messages, instruction } = body;
	if (instruction !== undefined && typeof instruction !== 'string') {
		return { error: '"instruction" must be a string' };
	}
	if (!Array.isArray(messages) || messages.length === 0) {
		return { error: '"messages" must be a non-empty array' };
	}
	const turns: Turn[] = instruction ? [{ role: 'system', text: instruction, images: 0 }] : [];
	for (const [index, message] of messages.entries()) {
		const { role, content } = (message ?? {}) as Record<string, unknown>;
		if (role === 'system') {
			return {
				error: `messages[${index}].role "system" is not accepted by Claude models: send the system prompt as "instruction"`,
			};
		}
		if (typeof role !== 'string' || !ROLES.includes(role)) {
			return { error: `messages[${index}].role must be one of ${ROLES.join(', ')}` };
		}
		const turn: Turn = { role: role as Turn['role'], text: '', images: 0 };
		if (typeof content === 'string') {
			turn.text = content;
		} else if (Array.isArray(content) && content.length > 0) {
			const texts: string[] = [];
			for (const [blockIndex, block] of content.entries()) {
				const read = readBlock(block, `messages[${index}].content[${blockIndex}]`);
				if (typeof read === 'string') return { error: read };
				if (read.text !== undefined) texts.push(read.text);
				if (read.image) turn.images++;
			}
			turn.text = texts.join(' ');
		} else {
			return { error: `messages[${index}].content must be a string or an array of content blocks` };
		}
		turns.push(turn);
	}
	return { turns };
}
