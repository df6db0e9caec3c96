import type { IDataObject } from 'n8n-workflow';

import { BadInput } from '../badInput';
import { parseJsonObjectOption } from '../values';
import type { ModelFamily } from './types';

export const RESPONSE_FORMATS = ['text', 'jsonObject', 'jsonSchema'] as const;

export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];

/**
 * The OpenAI-style `response_format` Segmind maps to each provider; undefined for plain text.
 * Claude takes only a schema, and a JSON Schema reply needs a schema.
 */
export function responseFormatField(
	family: ModelFamily,
	responseFormat: ResponseFormat,
	jsonSchema: unknown,
): IDataObject | undefined {
	if (responseFormat === 'jsonObject') {
		if (family.format === 'anthropic') {
			throw new BadInput(
				`responseFormat: ${family.label} models take only a JSON schema, not a JSON object reply; pick JSON Schema and give one`,
			);
		}
		return { type: 'json_object' };
	}
	if (responseFormat === 'jsonSchema') {
		const schema = parseJsonObjectOption(jsonSchema, 'jsonSchema');
		if (!schema) throw new BadInput('jsonSchema is missing: a JSON Schema reply needs a schema');
		return { type: 'json_schema', json_schema: { name: 'response', schema, strict: true } };
	}
	return undefined;
}
