import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

import {
	parseBody,
	queuedStatus,
	type QueuedResult,
	type SegmindClient,
	type StatusOutput,
} from '../../../shared/client';
import {
	declaredFile,
	downloadFailedStatus,
	findFiles,
	storeFoundFiles,
	type BinaryContext,
	type FileSettings,
	type FoundFile,
	type OutputFile,
} from '../../../shared/files';
import { isObject } from '../../../shared/values';

// A PixelFlow's outputs: a COMPLETED poll's `output` (a JSON string, or already a list) of
// `{keyname, value: {data, type}}` becomes `outputs: {<keyname>: <data>}`, and the file outputs
// among them are stored as Run a Model stores its files.

/** The output types that are files whatever their data looks like. */
const FILE_TYPES = new Set(['image', 'video', 'audio', 'file']);

/** The output type that is never a file, even when its text is a URL. */
const TEXT_TYPE = 'text';

/** The key an output without a keyname is listed under. */
const UNNAMED = 'output';

/** One output of a flow: its (unique) key in `outputs`, its data, and its declared type. */
export interface FlowOutput {
	key: string;
	data: unknown;
	/** Lower case; undefined when the output declares none. */
	type?: string;
}

const keynameOf = (value: unknown): string =>
	typeof value === 'string' && value.trim() !== ''
		? value
		: typeof value === 'number'
			? String(value)
			: UNNAMED;

/** An entry's data and type: `{data, type}` as Segmind answers it, else the value itself, untyped. */
function valueOf(value: unknown): { data: unknown; type?: string } {
	if (!isObject(value) || !('data' in value)) return { data: value ?? null };
	const type = typeof value.type === 'string' ? value.type.trim().toLowerCase() : '';
	return { data: value.data ?? null, ...(type !== '' && { type }) };
}

/**
 * The flow's outputs, in order, each under a key of its own: a repeated keyname gets `_1`, `_2`...
 * (skipping any name the list already uses). `output` is the decoded list; an object (a shape
 * Segmind does not document) gives one output per key; any other value one output, `output`.
 */
export function flowOutputsOf(output: unknown): FlowOutput[] {
	let listed: Array<{ keyname: string; value: unknown }>;
	if (Array.isArray(output)) {
		listed = output.map((entry) =>
			isObject(entry) && ('keyname' in entry || 'value' in entry)
				? { keyname: keynameOf(entry.keyname), value: entry.value }
				: { keyname: UNNAMED, value: entry },
		);
	} else if (isObject(output)) {
		listed = Object.entries(output).map(([keyname, value]) => ({ keyname, value }));
	} else if (output === undefined || output === null) {
		listed = [];
	} else {
		listed = [{ keyname: UNNAMED, value: output }];
	}
	const given = new Set(listed.map(({ keyname }) => keyname));
	const used = new Set<string>();
	return listed.map(({ keyname, value }) => {
		let key = keyname;
		for (let n = 1; used.has(key); n++) {
			const candidate = `${keyname}_${n}`;
			if (!given.has(candidate) && !used.has(candidate)) key = candidate;
		}
		used.add(key);
		return { key, ...valueOf(value) };
	});
}

/** `outputs` as the item shows it: each output's data under its key. */
export const outputsObject = (outputs: FlowOutput[]): IDataObject =>
	Object.fromEntries(outputs.map(({ key, data }) => [key, data])) as IDataObject;

/**
 * The files among the outputs, in list order: an `image`, `video`, `audio` or `file` output is a
 * file (its data a URL, a data: URI or base64; a non-string data is searched as rule 3 says), a
 * `text` output never is, and any other (untyped) output is a file where rule 3 finds one. Each
 * file's `at` is its path in `outputs`. A URL counts once.
 */
export function flowFiles(outputs: FlowOutput[]): FoundFile[] {
	const found: FoundFile[] = [];
	const seen = new Set<string>();
	const add = (file: FoundFile) => {
		if (file.source === 'url') {
			if (seen.has(file.url)) return;
			seen.add(file.url);
		}
		found.push(file);
	};
	for (const { key, data, type } of outputs) {
		if (type === TEXT_TYPE) continue;
		const declared =
			type !== undefined && FILE_TYPES.has(type) && typeof data === 'string'
				? declaredFile(data, [key])
				: undefined;
		if (declared) {
			add(declared);
			continue;
		}
		for (const file of findFiles(data, [key])) add(file);
	}
	return found;
}

/** A PixelFlow run as far as it went, with the files of a completed one stored. */
export interface PixelflowRun {
	queued: QueuedResult;
	/** `{<keyname>: <data>}` of a completed run (decoded files as `binary:<property>`); else null. */
	outputs: IDataObject | null;
	files: OutputFile[];
	binary?: IBinaryKeyData;
	/** The status fields of a completed run whose files could not all be kept. */
	downloadFailed?: ReturnType<typeof downloadFailedStatus>;
}

/**
 * A run's outputs with their files stored (downloaded in list order, data: URIs and base64
 * decoded). A run that did not complete has no outputs. Resolves undefined when the run stops or
 * is cancelled while a file is being stored.
 */
export async function storePixelflowRun(
	client: SegmindClient,
	context: BinaryContext,
	queued: QueuedResult,
	settings: FileSettings,
): Promise<PixelflowRun | undefined> {
	if (!queued.result || !queuedStatus(queued).success) {
		return { queued, outputs: null, files: [] };
	}
	const body = queued.outcome.answered ? queued.outcome.body : undefined;
	const outputs = flowOutputsOf(body);
	const found = flowFiles(outputs);
	const stored = await storeFoundFiles(client, context, outputsObject(outputs), found, settings);
	if (!stored) return undefined;
	return {
		queued,
		outputs: stored.output as IDataObject,
		files: stored.files,
		...(stored.binary && { binary: stored.binary }),
		...(stored.failure && { downloadFailed: stored.failure }),
	};
}

/** The output item of Run a PixelFlow and of Get Queued Result (queue PixelFlow Run). */
export type PixelflowOutput = StatusOutput & {
	/** null for Get Queued Result, which is not told the flow. */
	workflowId: string | null;
	/** null when no run was accepted. */
	requestId: string | null;
	outputs: IDataObject | null;
	files: OutputFile[];
	/** With includeRawResponse: the last answer's body (the whole poll answer once completed). */
	response?: unknown;
};

/** The body the run ended on, if one came (an empty one counts as none). */
function responseOf({ queued }: PixelflowRun): unknown {
	if (queued.result) return queued.result;
	const { outcome } = queued;
	if (!outcome.answered || outcome.body === '' || outcome.body === null) return undefined;
	return parseBody(outcome.body);
}

/** The item: the status fields (download_failed over them when a file was not kept), then the run's. */
export function pixelflowOutput(
	run: PixelflowRun,
	options: { workflowId: string | null; includeRawResponse: boolean },
): { json: PixelflowOutput; binary?: IBinaryKeyData } {
	const status = queuedStatus(run.queued);
	const json: PixelflowOutput = {
		...status,
		...run.downloadFailed,
		workflowId: options.workflowId,
		requestId: run.queued.requestId,
		outputs: run.outputs,
		files: run.files,
	};
	const response = options.includeRawResponse ? responseOf(run) : undefined;
	if (response !== undefined) json.response = response;
	return { json, ...(run.binary && { binary: run.binary }) };
}
