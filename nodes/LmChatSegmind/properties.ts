import type { INodeProperties } from 'n8n-workflow';

import {
	apiFormatOption,
	extraBodyOption,
	maxTokensOption,
	modelOption,
	temperatureOption,
} from '../shared/options/modelOptions';
import { optionsCollectionOf } from '../shared/options/collection';
import { pollIntervalOption, requestModeOption } from '../shared/options/queueOptions';
import {
	maxRetriesOption,
	rateLimitWaitOption,
	timeoutOption,
} from '../shared/options/transportOptions';

/** The model slug, then the Options: the request's shape, and how it is sent and retried. */
export const properties: INodeProperties[] = [
	modelOption,
	optionsCollectionOf([
		apiFormatOption,
		extraBodyOption,
		maxTokensOption,
		temperatureOption,
		maxRetriesOption,
		pollIntervalOption,
		rateLimitWaitOption,
		requestModeOption,
		timeoutOption,
	]),
];
