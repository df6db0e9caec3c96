import { BadInput } from '../badInput';
import { describeValue } from '../values';
import { openAi } from './openai';
import type { ModelFamily } from './types';

/**
 * The family whose request format the model takes, from the apiFormat option (`auto` or `openai`)
 * and the slug. Only the OpenAI format has a request body so far, so every slug takes it, as it
 * always has.
 */
export function familyFor(apiFormat: unknown, slug: string): ModelFamily {
	if (apiFormat !== undefined && apiFormat !== 'auto' && apiFormat !== 'openai') {
		throw new BadInput(
			`apiFormat must be auto or openai for ${slug}, not ${describeValue(apiFormat)}`,
		);
	}
	return openAi;
}
