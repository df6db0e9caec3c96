// Anthropic's Claude format: `messages` with the roles user and assistant only (the system prompt
// goes in a top-level `instruction`); content a string, or blocks: {type: "text"} and
// {type: "image", source: {type: "base64", media_type, data}}.
import { imageError } from './images';
import { isJsonObject } from '../body';
import { readMessages, type Json, type PartReader, type ParsedTurns } from './turns';

const readBlock: PartReader = (block, where) => {
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
};

export function anthropicTurns(body: Json): ParsedTurns {
	const { messages, instruction } = body;
	if (instruction !== undefined && typeof instruction !== 'string') {
		return { error: '"instruction" must be a string' };
	}
	const parsed = readMessages(messages, ['user', 'assistant'], readBlock, {
		system: 'is not accepted by Claude models: send the system prompt as "instruction"',
	});
	if ('error' in parsed || !instruction) return parsed;
	return { turns: [{ role: 'system', text: instruction, images: 0 }, ...parsed.turns] };
}
