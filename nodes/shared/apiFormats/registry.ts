// Type only: the package loads on n8n 1.x, which has no AI node SDK.
import type { FinishReason } from '@n8n/ai-node-sdk';
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { BadInput } from '../badInput';
import { describeValue, isObject } from '../values';
import { anthropic } from './anthropic';
import { gemini } from './gemini';
import { openAi } from './openai';
import type { AnswerReader, ApiFormat, Usage } from './types';

/** Every API format, in the order the editor lists them. */
export const API_FORMATS = [openAi, anthropic, gemini] as const;

/** A value of the apiFormat option besides `auto`. */
export type ApiFormatName = (typeof API_FORMATS)[number]['name'];

const NAMES: readonly string[] = API_FORMATS.map(({ name }) => name);

/** The format of a slug that no format's prefix claims (the one format without a prefix). */
const FALLBACK = openAi;

/** The API format `auto` picks: the one whose prefix the slug begins with (any case), else the fallback. */
function apiFormatOfSlug(slug: string) {
	const lower = slug.toLowerCase();
	return (
		API_FORMATS.find(
			({ slugPrefix }) => slugPrefix !== undefined && lower.startsWith(slugPrefix),
		) ?? FALLBACK
	);
}

/** The API format the model takes: the one the apiFormat option names, or, for `auto`, the slug's. */
export function apiFormatFor(option: unknown, slug: string): ApiFormat<ApiFormatName> {
	if (option === undefined || option === 'auto') return apiFormatOfSlug(slug);
	const chosen = API_FORMATS.find(({ name }) => name === option);
	if (chosen === undefined) {
		throw new BadInput(`apiFormat must be auto, ${NAMES.join(', ')}, not ${describeValue(option)}`);
	}
	return chosen;
}

/** What `auto` does, in the words of the editor: each prefix's format, then the fallback. */
function autoDescription(): string {
	const claims = API_FORMATS.flatMap(({ slugPrefix, label }) =>
		slugPrefix === undefined ? [] : [{ slugPrefix, label }],
	);
	const text = [
		...claims.map(
			({ slugPrefix, label }, index) =>
				`${slugPrefix}* slugs ${index === 0 ? 'get ' : ''}the ${label} format`,
		),
		`every other slug the ${FALLBACK.label} format`,
	].join(', ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The values of the apiFormat option: `auto`, then each format's own entry, in the registry's order. */
export const API_FORMAT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Auto (From the Model Slug)', value: 'auto', description: autoDescription() },
	...API_FORMATS.map(({ label, name, optionDescription }) => ({
		name: label,
		value: name,
		description: optionDescription,
	})),
];

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
