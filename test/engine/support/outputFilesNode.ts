import type {
	IDataObject,
	IExecuteFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { Deadline, type FileStream, type StatusOutput } from '../../../nodes/shared/client';
import { CREDENTIAL_NAME } from '../../../nodes/shared/constants';
import {
	readFileSettings,
	storeFileBody,
	storeOutputFiles,
	type FileSettings,
	type OutputFiles,
	type StoredFileBody,
} from '../../../nodes/shared/files';
import { fileOptions, optionsCollectionOf, requestOptions } from '../../../nodes/shared/options';
import { defineOperation, runOperation } from '../../../nodes/shared/pipeline';

export const OUTPUT_FILES_NODE_TYPE = 'test.outputFiles';

/** What an input item asks for: an answer's files, or a sync run whose body is the file. */
interface Wanted {
	/** The answer's `output` (a sync JSON answer, or a queued result's decoded output). */
	output?: unknown;
	/** The whole queued result, when the answer is one. */
	result?: IDataObject;
	requestId?: string;
	/** A v1 run (with the key) whose body is stored as the item's one file. */
	syncRun?: { slug: string; body: IDataObject };
}

type Stored = { kind: 'files'; files: OutputFiles } | { kind: 'body'; body: StoredFileBody };

const OK: StatusOutput = {
	success: true,
	statusCode: 200,
	status: 'ok',
	statusMessage: 'OK',
	remainingCredits: null,
};

/**
 * The files module as a node would call it, on the package's own item pipeline (so "Stop With
 * an Error" and the error output behave as in the package's nodes): each input item's answer is
 * searched and its files stored, and the output item carries the status fields, `requestId`,
 * `output` and `files`, with the files as binary data.
 */
const storeAnswerFiles = defineOperation<{ wanted: Wanted; settings: FileSettings }, Stored>({
	operation: { name: 'Store', value: 'store', action: 'Store output files' },
	subtitle: '"Store output files"',
	fields: [],
	options: [...fileOptions, ...requestOptions],
	prepare: (context, { itemIndex }, items) => ({
		wanted: items[itemIndex].json as Wanted,
		settings: readFileSettings(context.getNodeParameter('options', itemIndex, {}) as IDataObject),
	}),
	send: async (client, { wanted, settings }, context) => {
		if (!wanted.syncRun) {
			const { output, result } = wanted;
			const files = await storeOutputFiles(client, context, { output, result }, settings);
			return files && { kind: 'files', files };
		}
		const deadline = new Deadline(client.settings.timeoutMs);
		deadline.start();
		const abort = new AbortController();
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			CREDENTIAL_NAME,
			{
				method: 'POST',
				url: client.urls.run(wanted.syncRun.slug),
				body: wanted.syncRun.body,
				json: true,
				encoding: 'stream',
				returnFullResponse: true,
				timeout: client.settings.timeoutMs,
				abortSignal: abort.signal,
			},
		)) as IN8nHttpFullResponse;
		const body = await storeFileBody(context, response.body as FileStream, {
			contentType: response.headers['content-type'],
			binaryPropertyOutput: settings.binaryPropertyOutput,
			deadline,
			abort,
		});
		return body && { kind: 'body', body };
	},
	output: ({ wanted }, stored) => {
		const requestId = wanted.requestId ?? null;
		if (stored.kind === 'body') {
			const { body } = stored;
			return body.ok
				? { json: { ...OK, requestId, output: null, files: body.files }, binary: body.binary }
				: { json: { ...OK, ...body.status, requestId, output: null, files: [] } };
		}
		const { output, files, binary, failure } = stored.files;
		const json = { ...OK, ...failure, requestId, output, files } as StatusOutput;
		return { json, ...(binary && { binary }) };
	},
});

export class OutputFilesNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Output Files',
		name: 'outputFiles',
		group: ['transform'],
		version: 1,
		description: "Test node: an answer's output files into binary data",
		defaults: { name: 'Output Files' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: [optionsCollectionOf(storeAnswerFiles.options)],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await runOperation(this, storeAnswerFiles, this.getInputData())];
	}
}
