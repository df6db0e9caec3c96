// Google's Gemini format: `messages` is an object, {system_instruction: {parts: {text}},
// contents: [{role: user|model, parts: [{text}, {inlineData: {mimeType, data}}]}]}.
import { imageError } from './images';
import { isJsonObject } from '../body';
import { type ParsedTurns, type Turn } from './turns';

const ROLES: Record<string, Turn['role']> = { user: 'user', model: 'assistant' };

function systemText(instruction: unknown): string | undefined {
	if (!isJsonObject(instruction)) return undefined;
	const parts = Array.isArray(instruction.parts) ? instruction.parts : [instruction.parts];
	const texts = parts.map((part) => (isJsonObject(part) ? part.text : undefined));
	return texts.every((text) => typeof text === 'string') ? texts.join(' ') : undefined;
}

export function geminiTurns(messages: unknown): ParsedTurns {
	if (!isJsonObject(messages)) {
		return {
			error: `"messages" must be an object with "contents" for Gemini models${
				Array.isArray(messages) ? ', not an array' : ''
			}`,
		};
	}
	const { contents, system_instruction: instruction } = messages;
	const turns: Turn[] = [];
	if (instruction !== undefined) {
		const text = systemText(instruction);
		if (text === undefined) {
			return { error: '"messages.system_instruction" must be {parts: {text}} or {parts: [{text}]}' };
		}
		turns.push({ role: 'system', text, images: 0 });
	}
	if (!Array.isArray(contents) || contents.length === 0) {
		return { error: '"messages.contents" must be a non-empty array' };
	}
	for (const [index, content] of contents.entries()) {
		const where = `messages.contents[${index}]`;
		const { role, parts } = (content ?? {}) as Record<string, unknown>;
		if (role === 'system') {
			return {
				error: `${where}.role "system" is not accepted by Gemini models: send the system prompt as "system_instruction"`,
			};
		}
		if (typeof role !== 'string' || !(role in ROLES)) {
			return { error: `${where}.role must be one of user, model` };
		}
		if (!Array.isArray(parts) || parts.length === 0) {
			return { error: `${where}.parts must be a non-empty array` };
		}
		const turn: Turn = { role: ROLES[role], text: '', images: 0 };
		const texts: string[] = [];
		for (const [partIndex, part] of parts.entries()) {
			const partWhere = `${where}.parts[${partIndex}]`;
			if (isJsonObject(part) && typeof part.text === 'string') {
				texts.push(part.text);
			} else if (isJsonObject(part) && isJsonObject(part.inlineData)) {
				const error = imageError(
					`${partWhere}.inlineData`,
					part.inlineData.mimeType,
					part.inlineData.data,
				);
				if (error) return { error };
				turn.images++;
			} else {
				return { error: `${partWhere} must be {text} or {inlineData: {mimeType, data}}` };
			}
		}
		turn.text = texts.join(' ');
		turns.push(turn);
	}
	return { turns };
}
