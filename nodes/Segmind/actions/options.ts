import type { INodeProperties } from 'n8n-workflow';

import {
	fileOptions,
	pollIntervalOption,
	requestModeOption,
	requestOptions,
	timeoutOption,
} from '../../shared/options';

// The Options of the Segmind node's operations. Media runs take long: Segmind sends them to its
// queue, polled less often than a chat answer, and given ten minutes.

export const includeRawResponseOption: INodeProperties = {
	displayName: 'Include Raw Response',
	name: 'includeRawResponse',
	type: 'boolean',
	default: false,
	description:
		'Whether to output the JSON body the API answered as "response" (null for a file body)',
};

const mediaPollIntervalOption: INodeProperties = { ...pollIntervalOption, default: 2000 };

const mediaTimeoutOption: INodeProperties = {
	...timeoutOption,
	default: 600000,
	description:
		'Milliseconds from sending the run to its result (a queued run: from the submit to the result fetch). Each output file download has the same limit again.',
};

const mediaRequestModeOption: INodeProperties = {
	...requestModeOption,
	default: 'queue',
	options: [
		{
			name: 'Wait on One Request (V1)',
			value: 'sync',
			description:
				'POST /v1/{model} and wait for the answer on the same connection (the answer may be the file itself)',
		},
		{
			name: 'Submit and Poll (V2)',
			value: 'queue',
			description:
				'POST /v2/{model}, then poll until the result is ready: what Segmind advises for anything over ~10 s. A timed-out run stays collectable for an hour with Get Queued Result.',
		},
	],
};

/** The request options with the media defaults (timeout), in place of the chat ones. */
const mediaRequestOptions = requestOptions.map((option) =>
	option.name === mediaTimeoutOption.name ? mediaTimeoutOption : option,
);

/** Run a Model's Options. */
export const runModelOptions: INodeProperties[] = [
	mediaRequestModeOption,
	mediaPollIntervalOption,
	includeRawResponseOption,
	...mediaRequestOptions,
	...fileOptions,
];

/** Get Queued Result's Options: as Run a Model's, without a request mode (it only collects). */
export const collectOptions: INodeProperties[] = runModelOptions.filter(
	(option) => option.name !== mediaRequestModeOption.name,
);
