import { BadInput } from '../badInput';
import { describeValue } from '../values';
import { anthropic } from './anthropic';
import { gemini } from './gemini';
import { openAi } from './openai';
import { API_FORMATS, type ApiFormat, type ModelFamily } from './types';

const FAMILIES: Record<ApiFormat, ModelFamily> = { openai: openAi, anthropic, gemini };

/** The format `auto` picks: claude* slugs are Anthropic's, gemini* Google's, the rest OpenAI's. */
export function formatOfSlug(slug: string): ApiFormat {
	const name = slug.toLowerCase();
	if (name.startsWith('claude')) return 'anthropic';
	if (name.startsWith('gemini')) return 'gemini';
	return 'openai';
}

/** The family whose request format the model takes: the one chosen (apiFormat), or the slug's. */
export function familyFor(apiFormat: unknown, slug: string): ModelFamily {
	if (apiFormat === undefined || apiFormat === 'auto') return FAMILIES[formatOfSlug(slug)];
	if (!(API_FORMATS as readonly unknown[]).includes(apiFormat)) {
		throw new BadInput(
			`apiFormat must be auto, ${API_FORMATS.join(', ')}, not ${describeValue(apiFormat)}`,
		);
	}
	return FAMILIES[apiFormat as ApiFormat];
}
