import type { INodeProperties } from 'n8n-workflow';

import { API_FORMAT_OPTIONS } from '../apiFormats';
import { DEFAULT_MODEL } from '../constants';

// The options that shape the chat request, which both nodes have.

export const extraBodyOption: INodeProperties = {
	displayName: 'Extra Body Fields',
	name: 'extraBody',
	type: 'json',
	default: '{}',
	description:
		'A JSON object merged into the request body, for parameters this node does not name. Messages, Sampling Temperature and Maximum Number of Tokens win over it.',
};

export const maxTokensOption: INodeProperties = {
	displayName: 'Maximum Number of Tokens',
	name: 'maxTokens',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1024,
	description: 'Sent as max_tokens: the most tokens the reply may use',
};

export const modelOption: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'string',
	default: DEFAULT_MODEL,
	description:
		'Segmind model slug; the request goes to /v1/{model} (/v2/{model} when submitted to the queue). OpenAI retired gpt-4.5-preview upstream: if it answers "gone" or "not found", pick another slug such as gpt-4o or claude-4-sonnet.',
};

export const temperatureOption: INodeProperties = {
	displayName: 'Sampling Temperature',
	name: 'temperature',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
	default: 1,
	description: 'Sent as temperature: higher is more random, lower more focused',
};

export const apiFormatOption: INodeProperties = {
	displayName: 'API Format',
	name: 'apiFormat',
	type: 'options',
	options: API_FORMAT_OPTIONS,
	default: 'auto',
	description:
		'The request format the model takes. The output messages stay the same in every format, so a conversation can move between models.',
};
