import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_MODEL } from '../../shared/constants';

const onlyForMessage = { show: { '/operation': ['message'] } };

export const optionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'API Errors',
			name: 'apiErrors',
			type: 'options',
			options: [
				{
					name: 'Return as Output Fields',
					value: 'output',
					description:
						'A failed request becomes an item with success false and its status, to branch on',
				},
				{
					name: 'Stop With an Error',
					value: 'throw',
					description: "A failed request raises an error (n8n's On Error setting then applies)",
				},
			],
			default: 'output',
			description: 'What a non-2xx answer or a failed connection does',
		},
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 5,
			description: 'How many requests are in flight at once across the input items',
		},
		{
			displayName: 'Extra Body Fields',
			name: 'extraBody',
			type: 'json',
			default: '{}',
			description:
				'A JSON object merged into the request body, for parameters this node does not name. Messages, Sampling Temperature and Maximum Number of Tokens win over it.',
			displayOptions: onlyForMessage,
		},
		{
			displayName: 'Include Messages',
			name: 'includeMessages',
			type: 'boolean',
			default: true,
			description:
				'Whether to output the conversation sent, with the reply appended, as "messages" (feed it to the next Segmind node to continue the conversation)',
			displayOptions: onlyForMessage,
		},
		{
			displayName: 'Include Raw Response',
			name: 'includeRawResponse',
			type: 'boolean',
			default: false,
			description: 'Whether to output the body the API answered as "response"',
			displayOptions: onlyForMessage,
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 2,
			description:
				'Retries after a 429, a 5xx or a refused connection, with exponential backoff. A timed-out request is never re-sent: the API may already have billed it.',
		},
		{
			displayName: 'Maximum Number of Tokens',
			name: 'maxTokens',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1024,
			description: 'Sent as max_tokens: the most tokens the reply may use',
			displayOptions: onlyForMessage,
		},
		{
			displayName: 'Model',
			name: 'model',
			type: 'string',
			default: DEFAULT_MODEL,
			description:
				'Segmind model slug; the request goes to /v1/{model}. OpenAI retired gpt-4.5-preview upstream: if it answers "gone" or "not found", pick another slug such as gpt-4o or claude-4-sonnet.',
			displayOptions: onlyForMessage,
		},
		{
			displayName: 'Requests per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 0,
			description:
				"Pace requests to your plan's limit (Segmind Free: 5, Pro: 50), retries included. 0 means no limit.",
		},
		{
			displayName: 'Sampling Temperature',
			name: 'temperature',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
			default: 1,
			description: 'Sent as temperature: higher is more random, lower more focused',
			displayOptions: onlyForMessage,
		},
		{
			displayName: 'System Message',
			name: 'systemMessage',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description: 'Sent first, as a message with the role "system"',
			displayOptions: onlyForMessage,
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 120000,
			description: 'Milliseconds to wait for each answer before giving up on it',
		},
	],
};
