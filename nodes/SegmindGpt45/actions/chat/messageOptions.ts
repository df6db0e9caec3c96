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
/** Asks for a JSON reply; Get Queued Result has it too, to parse the reply it collects. */
export const responseFormatOption: INodeProperties = {
	displayName: 'Response Format',
	name: 'responseFormat',
	type: 'options',
	options: [
		{ name: 'Text', value: 'text', description: 'A plain text reply; nothing is sent' },
		{
			name: 'JSON Object',
			value: 'jsonObject',
			description:
				'Sends response_format json_object (OpenAI and Google Gemini formats; OpenAI models need the word "JSON" in the messages). Not for Anthropic Claude.',
		},
		{
			name: 'JSON Schema',
			value: 'jsonSchema',
			description:
				'Sends response_format json_schema with the schema below, for every format (the only JSON reply Claude models take)',
		},
	],
	default: 'text',
	description:
		'Whether to ask for a JSON reply. The reply comes out parsed as well, in the JSON output field; a reply that is not valid JSON fails with the status invalid_json.',
};

export const messageOptions: INodeProperties[] = [
	{
		displayName: 'API Format',
		name: 'apiFormat',
		type: 'options',
		options: [
			{
				name: 'Auto (From the Model Slug)',
				value: 'auto',
				description:
					'Claude* slugs get the Anthropic Claude format, gemini* slugs the Google Gemini format, every other slug the OpenAI format',
			},
			{
				name: 'OpenAI',
				value: 'openai',
				description:
					'Messages with the roles system, user and assistant (gpt-*, o*, llama, deepseek models)',
			},
			{
				name: 'Anthropic Claude',
				value: 'anthropic',
				description:
					'User and assistant messages; the system text goes in a top-level "instruction" field',
			},
			{
				name: 'Google Gemini',
				value: 'gemini',
				description:
					'Messages as an object: "contents" with the roles user and model, the system text in "system_instruction"',
			},
		],
		default: 'auto',
		description:
			'The request format the model takes. The output messages stay the same in every format, so a conversation can move between models.',
	},
	{
		displayName: 'Extra Body Fields',
		name: 'extraBody',
		type: 'json',
		default: '{}',
		description:
			'A JSON object merged into the request body, for parameters this node does not name. Messages, Sampling Temperature and Maximum Number of Tokens win over it.',
	},
	{
		displayName: 'Images From Binary Fields',
		name: 'imageFields',
		type: 'string',
		default: '',
		placeholder: 'e.g. data, photo',
		description:
			"Names of the input item's binary properties holding images (PNG, JPEG, GIF or WebP, up to 20 MiB each), separated by commas. They go with the last user message: as image_url data URLs (OpenAI), base64 image blocks (Anthropic Claude) or inlineData parts (Google Gemini).",
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
		displayName: 'JSON Schema',
		name: 'jsonSchema',
		type: 'json',
		default:
			'{\n  "type": "object",\n  "properties": {\n    "answer": { "type": "string" }\n  },\n  "required": ["answer"]\n}',
		description:
			'The JSON Schema the reply must follow, sent as response_format.json_schema.schema (with name "response" and strict true)',
		displayOptions: { show: { responseFormat: ['jsonSchema'] } },
	},
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
	responseFormatOption,
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
		description:
			'Sent first, as a message with the role "system" (OpenAI), in "instruction" (Anthropic Claude) or in "system_instruction" (Google Gemini), before the system messages of the conversation',
	},
];
