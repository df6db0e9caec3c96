import type { INodeProperties } from 'n8n-workflow';

import {
	apiFormatOption,
	extraBodyOption,
	maxRetriesOption,
	maxTokensOption,
	modelOption,
	optionsCollectionOf,
	pollIntervalOption,
	rateLimitWaitOption,
	requestModeOption,
	temperatureOption,
	timeoutOption,
} from '../shared/options';

/** The options of the chat model: the request's shape, and how it is sent and retried. */
export const modelOptions: INodeProperties[] = [
	apiFormatOption,
	extraBodyOption,
	maxTokensOption,
	temperatureOption,
	maxRetriesOption,
	pollIntervalOption,
	rateLimitWaitOption,
	requestModeOption,
	timeoutOption,
];

/** The model slug, then the Options. */
export const properties: INodeProperties[] = [modelOption, optionsCollectionOf(modelOptions)];
