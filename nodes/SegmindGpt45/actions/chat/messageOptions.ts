import type { INodeProperties } from 'n8n-workflow';

import {
	extraBodyOption,
	maxTokensOption,
	modelOption,
	temperatureOption,
} from '../../../shared/options/modelOptions';

/** The Options of Message the Model that shape the request and its output item. */
export const messageOptions: INodeProperties[] = [
	extraBodyOption,
	maxTokensOption,
	modelOption,
	temperatureOption,
	{
		displayName: 'Include Messages',
		name: 'includeMessages',
		type: 'boolean',
		default: true,
		description:
			'Whether to output the conversation sent, with the reply appended, as "messages" (feed it to the next Segmind node to continue the conversation)',
	},
	{
		displayName: 'Include Raw Response',
		name: 'includeRawResponse',
		type: 'boolean',
		default: false,
		description: 'Whether to output the body the API answered as "response"',
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
