import {
	isFileAnswer,
	type ApiOutcome,
	type Deadline,
	type QueuedResult,
} from '../../shared/client';
import {
	storeFileBody,
	storeOutputFiles,
	type BinaryContext,
	type Downloader,
	type FileSettings,
} from '../../shared/files';
import { queuedResult, syncResult, type RunResult, type StoredRun } from './output';

/** How a run's output files are kept (the Options that say so: read with readFileSettings). */
export { readFileSettings, type FileSettings } from '../../shared/files';

/**
 * A successful answer's output files, found in its output (and a queued result's other fields),
 * downloaded or decoded into binary data. Undefined when the run was stopped or cancelled.
 */
async function storeFound(
	client: Downloader,
	context: BinaryContext,
	result: RunResult,
	settings: FileSettings,
	queued?: QueuedResult,
): Promise<StoredRun | undefined> {
	if (!result.status.success) return { result, output: result.output, files: [] };
	const stored = await storeOutputFiles(
		client,
		context,
		{ output: result.output, ...(queued?.result && { result: queued.result }) },
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
 * A sync (v1) run's answer: a file body is stored as the run's one file (always: it is the only
 * copy of a billed result); a JSON answer is the output, its files found and stored; a text
 * answer is the output as it is. Undefined when the run was cancelled.
 */
export async function storeSyncRun(
	client: Downloader,
	context: BinaryContext,
	{ outcome, deadline }: { outcome: ApiOutcome; deadline: Deadline },
	settings: FileSettings,
): Promise<StoredRun | undefined> {
	if (!isFileAnswer(outcome)) {
		const result = syncResult(outcome, false);
		if (typeof result.output === 'string') return { result, output: result.output, files: [] };
		return await storeFound(client, context, result, settings);
	}
	const result = syncResult(outcome, true);
	const stored = await storeFileBody(context, outcome.body, {
		contentType: outcome.headers['content-type'],
		binaryPropertyOutput: settings.binaryPropertyOutput,
		deadline,
	});
	if (!stored) return undefined;
	if (!stored.ok) {
		return { result, output: null, files: [], status: { ...result.status, ...stored.status } };
	}
	return { result, output: null, files: stored.files, binary: stored.binary };
}

/**
 * A queued (v2) run's result: its decoded output, then its other fields, hold the files.
 * Undefined when the run was stopped or cancelled.
 */
export async function storeQueuedRun(
	client: Downloader,
	context: BinaryContext,
	queued: QueuedResult,
	settings: FileSettings,
): Promise<StoredRun | undefined> {
	return await storeFound(client, context, queuedResult(queued), settings, queued);
}
