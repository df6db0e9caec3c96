import { parseJsonText } from '../json';

/**
 * The provider's answer from a queued result's `output`: Segmind sends an LLM's JSON as a string
 * (decoded here), sometimes as an object (taken as is); a string that is not JSON is the reply
 * text itself, and stays a string.
 */
export function decodeOutput(output: unknown): unknown {
	if (typeof output !== 'string') return output;
	return parseJsonText(output)?.value ?? output;
}
