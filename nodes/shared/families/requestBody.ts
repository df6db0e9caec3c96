import type { IDataObject } from 'n8n-workflow';

import { BadInput } from '../badInput';
import type { ChatMessage } from '../conversation';
import { parseJsonObjectOption, describeValue } from '../values';
import { RESPONSE_FORMATS, responseFormatField, type ResponseFormat } from './responseFormat';
import type { ChatTurn, ModelFamily } from './types';

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

/** Reads and checks the options that shape the body for this family (bad input throws). */
export function readBodySettings(family: ModelFamily, options: BodyOptions): BodySettings {
	const named: IDataObject = {};
	if (options.temperature !== undefined) named.temperature = options.temperature;
	if (options.maxTokens !== undefined) named.max_tokens = options.maxTokens;
	const responseFormat = responseFormatField(
		family,
		readResponseFormat(options.responseFormat),
		options.jsonSchema,
	);
	if (responseFormat) named.response_format = responseFormat;
	return { extraBody: parseExtraBody(options.extraBody), named };
}

/** The families that carry the system text apart need a user or assistant message besides it. */
export function checkConversation(
	family: ModelFamily,
	conversation: ChatMessage[],
	listName: string,
): void {
	if (family.systemApart && conversation.every((message) => message.role === 'system')) {
		throw new BadInput(
			`${listName} has only system text: ${family.label} models need a user or assistant message too`,
		);
	}
}

/** The chat request body: extraBody first, so the fields the node names win over it. */
export function buildChatBody(
	family: ModelFamily,
	conversation: ChatTurn[],
	settings: BodySettings,
): IDataObject {
	return {
		...settings.extraBody,
		...family.conversationFields(conversation),
		...settings.named,
	};
}
