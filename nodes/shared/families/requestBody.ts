import type { IDataObject } from 'n8n-workflow';

import type { ChatMessage } from '../conversation';
import { parseJsonObjectOption } from '../json';
import type { ModelFamily } from './types';

export interface BodyOptions {
	temperature?: number;
	maxTokens?: number;
	extraBody?: unknown;
}

/** The extraBody option: a JSON object (n8n hands a json parameter over as text); unset is {}. */
export const parseExtraBody = (value: unknown): IDataObject =>
	parseJsonObjectOption(value, 'extraBody') ?? {};

/** The chat request body: extraBody first, so the fields the node names win over it. */
export function buildChatBody(
	family: ModelFamily,
	conversation: ChatMessage[],
	options: BodyOptions,
): IDataObject {
	const body: IDataObject = {
		...parseExtraBody(options.extraBody),
		...family.conversationFields(conversation),
	};
	if (options.temperature !== undefined) body.temperature = options.temperature;
	if (options.maxTokens !== undefined) body.max_tokens = options.maxTokens;
	return body;
}
