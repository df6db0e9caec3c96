import type { IDataObject } from 'n8n-workflow';

import { BadInput } from '../badInput';
import type { ChatMessage, ApiFormat, ChatTurn, InlineImage } from './types';
import { parseJsonObjectOption, describeValue } from '../values';

const RESPONSE_FORMATS = ['text', 'jsonObject', 'jsonSchema'] as const;

export type ResponseFormat = (typeof RESPONSE_FORMATS)[number];

/**
 * The OpenAI-style `response_format` Segmind maps to each provider; undefined for plain text.
 * A JSON object reply only where the API format takes one; a JSON Schema reply needs a schema.
 */
function responseFormatField(
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

/**
 * A message as OpenAI and Claude take it: its text, or, when images go with it, content parts:
 * the text first, then one part per image in the API format's own shape.
 */
export function messageWithImages(
	{ role, content, images }: ChatTurn,
	imagePart: (image: InlineImage) => IDataObject,
): IDataObject {
	if (!images?.length) return { role, content };
	return { role, content: [{ type: 'text', text: content }, ...images.map(imagePart)] };
}

export interface BodyOptions {
	temperature?: number;
	maxTokens?: number;
	extraBody?: unknown;
	responseFormat?: ResponseFormat;
	jsonSchema?: unknown;
}

/** The body fields around the conversation, checked: extraBody, and the fields the node names. */
export interface BodySettings {
	extraBody: IDataObject;
	named: IDataObject;
}

/** The extraBody option: a JSON object (n8n hands a json parameter over as text); unset is {}. */
export const parseExtraBody = (value: unknown): IDataObject =>
	parseJsonObjectOption(value, 'extraBody') ?? {};

function readResponseFormat(value: unknown): ResponseFormat {
	if (value === undefined) return 'text';
	if (!(RESPONSE_FORMATS as readonly unknown[]).includes(value)) {
		throw new BadInput(
			`responseFormat must be ${RESPONSE_FORMATS.join(', ')}, not ${describeValue(value)}`,
		);
	}
	return value as ResponseFormat;
}

/** Reads and checks the options that shape the body in this API format (bad input throws). */
export function readBodySettings(apiFormat: ApiFormat, options: BodyOptions): BodySettings {
	const named: IDataObject = {};
	if (options.temperature !== undefined) named.temperature = options.temperature;
	if (options.maxTokens !== undefined) named.max_tokens = options.maxTokens;
	const responseFormat = responseFormatField(
		apiFormat,
		readResponseFormat(options.responseFormat),
		options.jsonSchema,
	);
	if (responseFormat) named.response_format = responseFormat;
	return { extraBody: parseExtraBody(options.extraBody), named };
}

/** The API formats that carry the system text apart need a user or assistant message besides it. */
export function checkConversation(
	apiFormat: ApiFormat,
	conversation: ChatMessage[],
	listName: string,
): void {
	if (apiFormat.systemApart && conversation.every((message) => message.role === 'system')) {
		throw new BadInput(
			`${listName} has only system text: ${apiFormat.label} models need a user or assistant message too`,
		);
	}
}

/** The chat request body: extraBody first, so the fields the node names win over it. */
export function buildChatBody(
	apiFormat: ApiFormat,
	conversation: ChatTurn[],
	settings: BodySettings,
): IDataObject {
	return {
		...settings.extraBody,
		...apiFormat.conversationFields(conversation),
		...settings.named,
	};
}
