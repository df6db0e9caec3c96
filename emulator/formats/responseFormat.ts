// `response_format`, OpenAI-style, which Segmind maps to every provider: Claude takes only
// json_schema, and json_object on OpenAI-format models needs the word "json" in the messages.
import type { Family } from '../models';
import { isJsonObject } from '../body';
import type { Json, Turn } from './turns';

export type ResponseFormat =
	| { type: 'text' }
	| { type: 'json_object' }
	| { type: 'json_schema'; schema: Json };

export function readResponseFormat(
	value: unknown,
	family: Family,
	turns: Turn[],
): { format: ResponseFormat } | { error: string } {
	if (value === undefined) return { format: { type: 'text' } };
	if (!isJsonObject(value)) return { error: '"response_format" must be an object' };
	switch (value.type) {
		case 'text':
			return { format: { type: 'text' } };
		case 'json_object':
			if (family === 'anthropic') {
				return {
					error: '"response_format" json_object is not accepted by Claude models: send a json_schema',
				};
			}
			if (family === 'openai' && !turns.some((turn) => /json/i.test(turn.text))) {
				return {
					error: '"response_format" json_object needs the word "json" somewhere in the messages',
				};
			}
			return { format: { type: 'json_object' } };
		case 'json_schema': {
			const spec = value.json_schema;
			if (!isJsonObject(spec) || typeof spec.name !== 'string' || !isJsonObject(spec.schema)) {
				return {
					error: '"response_format.json_schema" must be {name, schema} with the schema an object',
				};
			}
			return { format: { type: 'json_schema', schema: spec.schema } };
		}
		default:
			return { error: '"response_format.type" must be text, json_object or json_schema' };
	}
}
