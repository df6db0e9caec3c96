import type { IExecuteFunctions } from 'n8n-workflow';

import {
	isFileAnswer,
	type ApiOutcome,
	type Deadline,
	type QueuedResult,
} from '../../shared/client';
import {
	storeOutputFiles,
	type BinaryContext,
	type Downloader,
	type FileSettings,
} from '../../shared/files';
import { storeFileBody } from './fileBody';
import { queuedResult, syncResult, type StoredRun } from './output';

/** How a run's output files are kept (the Options that say so: read with readFileSettings). */
export { readFileSettings, type FileSettings } from '../../shared/files';

/**
 * A sync (v1) run's answer: a file body is stored as the run's one file; a JSON or text answer
 * is the output.
 */
export async function storeSyncRun(
	context: IExecuteFunctions,
	{ outcome, deadline }: { outcome: ApiOutcome; deadline: Deadline },
	settings: FileSettings,
): Promise<StoredRun> {
	if (!isFileAnswer(outcome)) {
		const result = syncResult(outcome, false);
		return { result, output: result.output, files: [] };
	}
	const result = syncResult(outcome, true);
	const property = settings.binaryPropertyOutput;
	const stored = await storeFileBody(context, outcome, property, deadline);
	if ('failure' in stored) return { result, output: null, files: [], status: stored.failure };
	return { result, output: null, files: [stored.file], binary: { [property]: stored.binary } };
}

/**
 * A queued (v2) run's result: its decoded output, then its other fields, hold the files, which
 * are downloaded (or decoded) into binary data. Undefined when the run was stopped or cancelled.
 */
export async function storeQueuedRun(
	client: Downloader,
	context: BinaryContext,
	queued: QueuedResult,
	settings: FileSettings,
): Promise<StoredRun | undefined> {
	const result = queuedResult(queued);
	if (!result.status.success || !queued.result) {
		return { result, output: result.output, files: [] };
	}
	const stored = await storeOutputFiles(
		client,
		context,
		{ output: result.output, result: queued.result },
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
