import type { IExecuteFunctions } from 'n8n-workflow';

import {
	isFileAnswer,
	type ApiOutcome,
	type Deadline,
	type QueuedResult,
} from '../../shared/client';
import { storeFileBody } from './fileBody';
import { queuedResult, syncResult, type StoredRun } from './output';

/** How a run's output files are kept (the Options that say so). */
export interface FileSettings {
	/** The first stored file's binary property; the next ones get _1, _2... */
	binaryPropertyOutput: string;
}

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

/** A queued (v2) run's result: its decoded output, then its other fields, hold the files. */
export async function storeQueuedRun(queued: QueuedResult): Promise<StoredRun> {
	const result = queuedResult(queued);
	return { result, output: result.output, files: [] };
}
