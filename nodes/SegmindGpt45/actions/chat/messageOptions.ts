import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MODEL } from '../../../shared/constants';

export const includeRawResponseOption: INodeProperties = {
	displayName: 'Include Raw Response',
	name: 'includeRawResponse',
	type: 'boolean',
	default: false,
	description: 'Whether to output the body the API answered as "response"',
};

/** The Options of Message the Model that shape the request and its output item. */
export const messageOptions: INodeProperties[] = [
	{
		displayName: 'Extra Body Fields',
		name: 'extraBody',
		type: 'json',
		default: '{}',
		description:
			'A JSON object merged into the request body, for parameters this node does not name. Messages, Sampling Temperature and Maximum Number of Tokens win over it.',
	},
	{
		displayName: 'Include Messages',
		name: 'includeMessages',
		type: 'boolean',
		default: true,
		description:
			'Whether to output the conversation sent, with the reply appended, as "messages" (feed it to the next Segmind node to continue the conversation)',
	},
	includeRawResponseOption,
	{
		displayName: 'Maximum Number of Tokens',
		name: 'maxTokens',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1024,
		description: 'Sent as max_tokens: the most tokens the reply may use',
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'string',
		default: DEFAULT_MODEL,
		description:
			'Segmind model slug; the request goes to /v1/{model} (/v2/{model} when submitted to the queue). OpenAI retired gpt-4.5-preview upstream: if it answers "gone" or "not found", pick another slug such as gpt-4o or claude-4-sonnet.',
	},
	{
		displayName: 'Sampling Temperature',
		name: 'temperature',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
		default: 1,
		description: 'Sent as temperature: higher is more random, lower more focused',
	},
	{
		displayName: 'System Message',
		name: 'systemMessage',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'Sent first, as a message with the role "system"',
	},
];
