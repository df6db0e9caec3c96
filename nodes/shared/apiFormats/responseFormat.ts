import type { IDataObject } from 'n8n-workflow';

import { BadInput } from '../badInput';
import { parseJsonObjectOption } from '../values';
import type { ApiFormat } from './types';

export const RESPONSE_FORMATS = ['text', 'jsonObject', 'jsonSchema'] as const;

export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];

/**
 * The OpenAI-style `response_format` Segmind maps to each provider; undefined for plain text.
 * A JSON object reply only where the API format takes one; a JSON Schema reply needs a schema.
 */
export function responseFormatField(
	apiFormat: ApiFormat,
	responseFormat: ResponseFormat,
	jsonSchema: unknown,
): IDataObject | undefined {
	if (responseFormat === 'jsonObject') {
		if (!apiFormat.takesJsonObject) {
			throw new BadInput(
				`responseFormat: ${apiFormat.label} models take only a JSON schema, not a JSON object reply; pick JSON Schema and give one`,
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
