import type { INodePropertyOptions } from 'n8n-workflow';

import { BadInput } from '../badInput';
import { describeValue } from '../values';
import { anthropic } from './anthropic';
import { gemini } from './gemini';
import { openAi } from './openai';
import type { ApiFormat } from './types';

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
