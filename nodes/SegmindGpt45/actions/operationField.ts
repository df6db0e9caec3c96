import type { INodeProperties } from 'n8n-workflow';

export const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Get Remaining Credits',
			value: 'getCredits',
			description: 'Read the account balance (credits and free credits)',
			action: 'Get remaining credits',
		},
		{
			name: 'Message the Model',
			value: 'message',
			description: 'Send a conversation and get the assistant reply',
			action: 'Message the model',
		},
	],
	default: 'message',
};
