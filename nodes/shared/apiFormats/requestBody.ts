import type { IDataObject } from 'n8n-workflow';

import { BadInput } from '../badInput';
import type { ChatMessage } from '../conversation';
import { parseJsonObjectOption, describeValue } from '../values';
import { RESPONSE_FORMATS, responseFormatField, type ResponseFormat } from './responseFormat';
import type { ApiFormat, ChatTurn } from './types';

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
