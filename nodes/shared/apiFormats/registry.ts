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

/** The API format `auto` picks: claude* slugs are Anthropic's, gemini* Google's, the rest OpenAI's. */
function apiFormatOfSlug(slug: string) {
	const name = slug.toLowerCase();
	if (name.startsWith('claude')) return anthropic;
	if (name.startsWith('gemini')) return gemini;
	return openAi;
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
