import { openAi } from './openai';
import type { ModelFamily } from './types';

/**
 * The family whose request format the model takes, from the apiFormat option and the slug. Only
 * the OpenAI format has a request body so far, so every model gets it, as it always has.
 */
export function familyFor(_apiFormat: unknown, _slug: string): ModelFamily {
	return openAi;
}
