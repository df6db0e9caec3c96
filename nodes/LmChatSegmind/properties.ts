import type { INodeProperties } from 'n8n-workflow';

import {
	apiFormatOption,
	extraBodyOption,
	maxTokensOption,
	modelOption,
	temperatureOption,
} from '../shared/options/modelOptions';
import {
	maxRetriesOption,
	rateLimitWaitOption,
	timeoutOption,
} from '../shared/options/transportOptions';

const options = [
	apiFormatOption,
	extraBodyOption,
	maxTokensOption,
	temperatureOption,
	maxRetriesOption,
	rateLimitWaitOption,
	timeoutOption,
].sort((a, b) => a.displayName.localeCompare(b.displayName));

/** The model slug, then the Options: the request's shape, and how it is sent and retried. */
export const properties: INodeProperties[] = [
	modelOption,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	},
];
