// The reply text of a request that asked for JSON: the echo, as JSON a test can predict.
import { isJsonObject } from './body';
import type { ResponseFormat } from './formats/responseFormat';

/** A value the schema accepts, made from the echo: strings are the echo, numbers 1, booleans true. */
function sampleOf(schema: unknown, echo: string): unknown {
	if (!isJsonObject(schema)) return echo;
	if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
	if ('const' in schema) return schema.const;
	const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
	switch (type) {
		case 'array':
			return [sampleOf(schema.items, echo)];
		case 'number':
		case 'integer':
			return 1;
		case 'boolean':
			return true;
		case 'null':
			return null;
		case 'string':
			return echo;
		default: {
			if (!isJsonObject(schema.properties)) return type === 'object' ? {} : echo;
			const properties = schema.properties;
			return Object.fromEntries(
				Object.keys(properties).map((key) => [key, sampleOf(properties[key], echo)]),
			);
		}
	}
}

/** The reply text: the echo itself, or JSON holding it when JSON was asked for. */
export function replyText(echo: string, format: ResponseFormat): string {
	if (format.type === 'json_object') return JSON.stringify({ reply: echo });
	if (format.type === 'json_schema') return JSON.stringify(sampleOf(format.schema, echo));
	return echo;
}
