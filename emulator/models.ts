// The chat models the emulator knows, by the response shape their provider uses.

export type Family = 'openai' | 'anthropic' | 'gemini';

const MODELS: Record<string, Family> = {
	'gpt-4.5-preview': 'openai',
	'gpt-4o': 'openai',
	'gpt-4-turbo': 'openai',
	'o4-mini': 'openai',
	'o1-preview': 'openai',
	'llama-v3p1-405b-instruct': 'openai',
	'llama-v3p1-8b-instruct': 'openai',
	'deepseek-chat': 'openai',
	'claude-3.7-sonnet': 'anthropic',
	'claude-4-sonnet': 'anthropic',
	'gemini-2.5-pro': 'gemini',
	'gemini-2.0-flash': 'gemini',
};

/** gpt-4.5-preview is not here: it is the node's default and answers 200 unless configured retired. */
export const DEFAULT_RETIRED_MODELS = ['gpt-4-32k', 'text-davinci-003'];

export function familyOf(slug: string): Family | undefined {
	return Object.prototype.hasOwnProperty.call(MODELS, slug) ? MODELS[slug] : undefined;
}
