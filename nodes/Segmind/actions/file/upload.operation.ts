import type { INodeProperties } from 'n8n-workflow';

import {
	checkInputFile,
	binaryPropertyNames,
	dataUriOf,
	readFileBase64,
	uploadDataUris,
	type InputFile,
	type UploadResult,
} from '../../../shared/inputs';
import {
	apiErrorsOption,
	concurrencyOption,
	maxRetriesOption,
	rateLimitWaitOption,
	timeoutOption,
} from '../../../shared/options';
import { defineOperation } from '../../../shared/pipeline';
import type { StatusOutput } from '../../../shared/client';

interface UploadJob {
	files: InputFile[];
	includeRawResponse: boolean;
}

/** The output item of Upload a File. */
export type UploadOutput = StatusOutput & {
	urls: string[];
	url: string | null;
	response?: unknown;
};

const FIELD = 'binaryPropertyName';

const uploadOptions: INodeProperties[] = [
	apiErrorsOption,
	concurrencyOption,
	{
		displayName: 'Include Raw Response',
		name: 'includeRawResponse',
		type: 'boolean',
		default: false,
		description: 'Whether to output the body the storage answered as "response"',
	},
	{
		...maxRetriesOption,
		description:
			'Retries after a 5xx, a timeout or a failed connection, with exponential backoff (429s have Max Wait on Rate Limits instead). An upload bills nothing, so sending it again costs nothing.',
	},
	rateLimitWaitOption,
	{
		...timeoutOption,
		default: 120000,
		description:
			'Milliseconds to wait for the storage to answer each upload before giving up on it',
	},
];

/**
 * Upload a File: the item's files, from its binary data, to Segmind's storage in one upload per
 * item; out come their URLs, to pass to any model parameter that takes a URL.
 */
export const upload = defineOperation<UploadJob, UploadResult>({
	resource: 'file',
	operation: {
		name: 'Upload a File',
		value: 'upload',
		description: "Upload files from binary data to Segmind's storage and get their URLs",
		action: 'Upload a file',
	},
	subtitle: '"Upload " + ($parameter["binaryPropertyName"] || "data")',
	fields: [
		{
			displayName: 'Input Binary Field',
			name: FIELD,
			type: 'string',
			default: 'data',
			required: true,
			placeholder: 'e.g. data',
			hint: 'The name of the input binary field holding the file, not the file itself',
			description:
				'Comma-separated for several files in one upload (for example data, mask); their URLs come out in the same order. Anyone with a URL can read its file.',
		},
	],
	options: uploadOptions,
	prepare(context, { itemIndex }, items) {
		const names = binaryPropertyNames(context.getNodeParameter(FIELD, itemIndex, 'data'), FIELD);
		const { includeRawResponse = false } = context.getNodeParameter('options', itemIndex, {}) as {
			includeRawResponse?: boolean;
		};
		return {
			files: names.map((name) => checkInputFile(items[itemIndex], itemIndex, name, FIELD)),
			includeRawResponse,
		};
	},
	async send(client, { files }, context) {
		// Read as the upload goes, so only the files of uploads in flight are held in memory.
		const dataUris: string[] = [];
		for (const file of files) {
			dataUris.push(dataUriOf(file.mimeType, await readFileBase64(context, file)));
		}
		return await uploadDataUris(client, dataUris);
	},
	output({ includeRawResponse }, result) {
		const urls = result.uploaded ? result.urls : [];
		const json: UploadOutput = { ...result.status, urls, url: urls[0] ?? null };
		if (includeRawResponse && result.response !== undefined) json.response = result.response;
		return { json };
	},
});
