import type { IDataObject } from 'n8n-workflow';

import { BadInput, type ChatMessage } from '../conversation';
import { parseJsonText } from '../json';

export interface BodyOptions {
	temperature?: number;
	maxTokens?: number;
	extraBody?: unknown;
}

/** The extraBody option: a JSON object (n8n hands a json parameter over as text); unset is {}. */
export function parseExtraBody(value: unknown): IDataObject {
	if (value === undefined || value === null) return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		const json = parseJsonText(value);
		if (!json) throw new BadInput('extraBody must be a JSON object, and this is not valid JSON');
		parsed = json.value;
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		const kind = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : typeof parsed;
		throw new BadInput(`extraBody must be a JSON object, not ${kind}`);
	}
	return parsed as IDataObject;
}

/** The chat request body: extraBody first, so the fields the node names win over it. */
export function buildChatBody(messages: ChatMessage[], options: BodyOptions): IDataObject {
	const body: IDataObject = { ...parseExtraBody(options.extraBody), messages };
	if (options.temperature !== undefined) body.temperature = options.temperature;
	if (options.maxTokens !== undefined) body.max_tokens = options.maxTokens;
	return body;
}
