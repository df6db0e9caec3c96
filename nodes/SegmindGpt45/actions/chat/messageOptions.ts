import type { INodeProperties } from 'n8n-workflow';

import {
	apiFormatOption,
	extraBodyOption,
	maxTokensOption,
	modelOption,
	temperatureOption,
} from '../../../shared/options';

export const includeRawResponseOption: INodeProperties = {
	displayName: 'Include Raw Response',
	name: 'includeRawResponse',
	type: 'boolean',
	default: false,
	description: 'Whether to output the body the API answered as "response"',
};

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

/** The Options of Message the Model that shape the request and its output item. */
export const messageOptions: INodeProperties[] = [
	apiFormatOption,
	extraBodyOption,
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
	maxTokensOption,
	modelOption,
	responseFormatOption,
	temperatureOption,
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
