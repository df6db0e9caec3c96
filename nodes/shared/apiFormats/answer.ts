// Type only: the package loads on n8n 1.x, which has no AI node SDK.
import type { FinishReason } from '@n8n/ai-node-sdk';
import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../values';
import { API_FORMATS } from './registry';
import type { AnswerReader, Usage } from './types';

// Segmind passes each provider's answer through unchanged: every API format's shape is read, in
// the registry's order, whichever format the request was in.
const READERS: readonly AnswerReader[] = API_FORMATS;

const has = (map: object, key: string) => Object.prototype.hasOwnProperty.call(map, key);

function firstRead<T>(
	body: unknown,
	read: (reader: AnswerReader, body: IDataObject) => T | undefined,
) {
	if (!isObject(body)) return null;
	for (const reader of READERS) {
		const value = read(reader, body);
		if (value !== undefined) return value;
	}
	return null;
}

/** The assistant text, from whichever API format's shape the answer has. */
export const readReply = (body: unknown): string | null =>
	firstRead(body, (reader, answer) => reader.readReply(answer));

/** Token counts, normalised; null when the answer has none. */
export const readUsage = (body: unknown): Usage | null =>
	firstRead(body, (reader, answer) => reader.readUsage(answer));

/** The provider's own finish reason; null when absent. */
export const readFinishReason = (body: unknown): string | null =>
	firstRead(body, (reader, answer) => reader.readFinishReason(answer));

/**
 * The finish reason in n8n's words: the provider's own, translated by the API format whose answer
 * shape carries it; `other` for a reason that format does not list, and when there is none.
 */
export function readN8nFinishReason(body: unknown): FinishReason {
	const translated = firstRead(body, (reader, answer) => {
		const reason = reader.readFinishReason(answer);
		if (reason === undefined) return undefined;
		return has(reader.finishReasons, reason) ? reader.finishReasons[reason] : 'other';
	});
	return translated ?? 'other';
}
