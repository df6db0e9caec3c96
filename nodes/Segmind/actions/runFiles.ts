import type { IExecuteFunctions } from 'n8n-workflow';

import {
	isFileAnswer,
	type ApiOutcome,
	type Deadline,
	type QueuedResult,
	type SegmindClient,
} from '../../shared/client';
import { storeOutputFiles, type FileSettings } from '../../shared/files';
import { storeFileBody } from './fileBody';
import { queuedResult, syncResult, type RunResult, type StoredRun } from './output';

export type { FileSettings };

/**
 * A JSON answer's files (found in `output`, then in a queued result's other fields) stored in
 * n8n's binary data; a file not kept makes the item download_failed. Undefined: the run stopped.
 */
async function storeAnswerFiles(
	client: SegmindClient,
	context: IExecuteFunctions,
	result: RunResult,
	settings: FileSettings,
	queuedFields?: QueuedResult['result'],
): Promise<StoredRun | undefined> {
	if (!result.status.success) return { result, output: result.output, files: [] };
	const stored = await storeOutputFiles(
		client,
		context,
		{ output: result.output, ...(queuedFields && { result: queuedFields }) },
		settings,
	);
	if (!stored) return undefined;
	return {
		result,
		output: stored.output,
		files: stored.files,
		...(stored.binary && { binary: stored.binary }),
		...(stored.failure && { status: { ...result.status, ...stored.failure } }),
	};
}

/**
 * A sync (v1) run's answer: a file body is stored as the run's one file; a JSON or text answer
 * is the output.
 */
export async function storeSyncRun(
	client: SegmindClient,
	context: IExecuteFunctions,
	{ outcome, deadline }: { outcome: ApiOutcome; deadline: Deadline },
	settings: FileSettings,
): Promise<StoredRun | undefined> {
	if (!isFileAnswer(outcome)) {
		return await storeAnswerFiles(client, context, syncResult(outcome, false), settings);
	}
	const result = syncResult(outcome, true);
	const property = settings.binaryPropertyOutput;
	const stored = await storeFileBody(context, outcome, property, deadline);
	if ('failure' in stored) return { result, output: null, files: [], status: stored.failure };
	return { result, output: null, files: [stored.file], binary: { [property]: stored.binary } };
}

/** A queued (v2) run's result: its decoded output, then its other fields, hold the files. */
export async function storeQueuedRun(
	client: SegmindClient,
	context: IExecuteFunctions,
	queued: QueuedResult,
	settings: FileSettings,
): Promise<StoredRun | undefined> {
	return await storeAnswerFiles(client, context, queuedResult(queued), settings, queued.result);
}
