import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

import {
	parseBody,
	queuedStatus,
	statusOutputOf,
	type ApiOutcome,
	type QueuedResult,
	type StatusOutput,
} from '../../shared/client';
import type { OutputFile } from '../../shared/files';
import type { FailedUpload } from '../../shared/inputs';
import { isObject } from '../../shared/values';

/** The output item of a model run (Run a Model, Get Queued Result), in the order its fields show. */
export type RunOutput = StatusOutput & {
	/** null for Get Queued Result, which is not told the model. */
	model: string | null;
	/** The v2 request id; null in sync mode or when no submit was accepted. */
	requestId: string | null;
	/** The model's answer that is not a file; null for a file body or when none came. */
	output: unknown;
	files: OutputFile[];
	metrics: IDataObject | null;
	/** With includeRawResponse: the JSON body (null for a file body). */
	response?: unknown;
};

/** What a run came to before its files are stored. */
export interface RunResult {
	status: StatusOutput;
	requestId: string | null;
	/** The answer that is not a file (a 2xx's only): its files are found and stored from here. */
	output: unknown;
	metrics: IDataObject | null;
	/**
	 * The raw body: a queued result as Segmind answered it, a JSON or text body; null for a file
	 * body; undefined when no body came.
	 */
	body: unknown;
}

/** A run's answer with its files stored: what its output item is built from. */
export interface StoredRun {
	result: RunResult;
	/** The output, each file in it that was decoded replaced by where it is stored. */
	output: unknown;
	files: OutputFile[];
	binary?: IBinaryKeyData;
	/** Set when keeping a file failed the item: these status fields stand instead. */
	status?: StatusOutput;
}

/** A run that was never submitted because an input file's upload failed: the upload's status. */
export const unsubmittedRun = ({ status, response }: FailedUpload): StoredRun => ({
	result: { status, requestId: null, output: null, metrics: null, body: response },
	output: null,
	files: [],
});

/** The body that came, if any (empty counts as none). */
const bodyOf = (outcome: ApiOutcome): unknown =>
	outcome.answered && outcome.body !== '' && outcome.body !== null ? outcome.body : undefined;

const metricsOf = (body: unknown): IDataObject | null =>
	isObject(body) && isObject(body.metrics) ? body.metrics : null;

/**
 * A sync (v1) answer, its body read as its Content-Type says (runMedia): a JSON value or text is
 * the output; a file body is stored apart.
 */
export function syncResult(outcome: ApiOutcome, fileBody: boolean): RunResult {
	const status = statusOutputOf(outcome);
	const body = fileBody ? null : bodyOf(outcome);
	return {
		status,
		requestId: null,
		output: status.success && !fileBody ? (body ?? null) : null,
		metrics: null,
		body,
	};
}

/**
 * A queued (v2) run: a completed result's decoded `output` is the output, the whole result the
 * raw body; a failed one keeps the body and metrics of the answer that ended it.
 */
export function queuedResult(queued: QueuedResult): RunResult {
	const status = queuedStatus(queued);
	const { outcome, result } = queued;
	if (!status.success || !result) {
		const body = parseBody(bodyOf(outcome));
		return { status, requestId: queued.requestId, output: null, metrics: metricsOf(body), body };
	}
	return {
		status,
		requestId: queued.requestId,
		output: (outcome.answered ? outcome.body : null) ?? null,
		metrics: metricsOf(result),
		body: result,
	};
}

/** The output item of a run, its files stored. */
export function runOutput(
	stored: StoredRun,
	options: { model: string | null; includeRawResponse: boolean },
): { json: RunOutput; binary?: IBinaryKeyData } {
	const { result, binary } = stored;
	const json: RunOutput = {
		...(stored.status ?? result.status),
		model: options.model,
		requestId: result.requestId,
		output: stored.output ?? null,
		files: stored.files,
		metrics: result.metrics,
	};
	if (options.includeRawResponse && result.body !== undefined) json.response = result.body;
	const hasBinary = binary !== undefined && Object.keys(binary).length > 0;
	return { json, ...(hasBinary && { binary }) };
}
