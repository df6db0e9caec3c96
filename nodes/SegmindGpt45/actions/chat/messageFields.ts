import type { INodeProperties } from 'n8n-workflow';

/** How Message the Model turns input items into conversations (the router adds the operation). */
export const messageFields: INodeProperties[] = [
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Define Below',
				value: 'define',
				description: 'Write the messages here; each input item sends its own conversation',
			},
			{
				name: 'From an Item Field',
				value: 'field',
				description: 'Each input item carries its conversation as an array of {role, content}',
			},
			{
				name: 'Input Items as One Conversation',
				value: 'items',
				description: 'Every input item is one message; all of them make a single request',
			},
		],
		default: 'define',
	},
	{
		displayName: 'Messages',
		name: 'messages',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Message',
		default: { values: [{ role: 'user', content: '' }] },
		displayOptions: { show: { inputMode: ['define'] } },
		options: [
			{
				displayName: 'Message',
				name: 'values',
				values: [
					{
						displayName: 'Role',
						name: 'role',
						type: 'options',
						options: [
							{ name: 'Assistant', value: 'assistant' },
							{ name: 'System', value: 'system' },
							{ name: 'User', value: 'user' },
						],
						default: 'user',
					},
					{
						displayName: 'Content',
						name: 'content',
						type: 'string',
						typeOptions: { rows: 2 },
						default: '',
						placeholder: 'e.g. Summarise {{ $json.text }} in one sentence',
					},
				],
			},
		],
	},
	{
		displayName: 'Messages Field',
		name: 'messagesField',
		type: 'string',
		default: '={{ $json.messages }}',
		description:
			'An array of {role, content} messages (or a JSON string of one), for example the "messages" output of a previous Segmind GPT-4.5 node',
		displayOptions: { show: { inputMode: ['field'] } },
	},
	{
		displayName: 'Role Field',
		name: 'roleField',
		type: 'string',
		default: 'role',
		description: 'Name of the item field (dot path allowed) holding the message role',
		displayOptions: { show: { inputMode: ['items'] } },
	},
	{
		displayName: 'Content Field',
		name: 'contentField',
		type: 'string',
		default: 'content',
		description: 'Name of the item field (dot path allowed) holding the message content',
		displayOptions: { show: { inputMode: ['items'] } },
	},
];
