import type { IBinaryData, IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	describeNoAnswer,
	statusOf,
	type Deadline,
	type DownloadFailure,
	type FileStream,
	type NoAnswer,
	type SegmindClient,
	type StatusFields,
} from '../client';
import { networkText, readInto, refusalText, watchCutoff } from '../client/download';
import type { FileSettings } from '../options/fileOptions';
import { isObject } from '../values';
import { findFiles, findResultFiles, type FoundFile, type OutputPath } from './find';
import {
	baseMimeType,
	describeDownload,
	needsSniffing,
	outputFileName,
	sniffMimeType,
	urlFileName,
} from './naming';

/** One output file as the item's `files` lists it. */
export interface OutputFile {
	/** null for a file the answer carried itself (a sync body, a data: URI, base64). */
	url: string | null;
	/** null until downloaded. */
	mimeType: string | null;
	fileName: string;
	/** Bytes; null until downloaded. */
	fileSize: number | null;
	/** The binary property it is stored in; null when it was not downloaded. */
	binaryProperty: string | null;
}

/** A file that was not kept: the host it is about (or the decoded file's name) and why. */
export interface FileFailure {
	host: string;
	statusCode: number | null;
	reason: string;
}

/** What a node's run needs for binary data: n8n's prepareBinaryData (and the cancel signal). */
export interface BinaryContext {
	helpers: Pick<IExecuteFunctions['helpers'], 'prepareBinaryData'>;
	getExecutionCancelSignal(): AbortSignal | undefined;
}

/** Who downloads: the run's client (a stand-in in tests). */
export type Downloader = Pick<SegmindClient, 'download'>;

export interface StoredFiles {
	/** Every found file, in order, stored or not. */
	files: OutputFile[];
	/** The stored files by binary property (empty when none was stored). */
	binary: IBinaryKeyData;
	failures: FileFailure[];
}

/** The status fields of an item whose output files could not all be kept (rule 5). */
export interface DownloadFailedFields extends StatusFields {
	success: false;
	status: 'download_failed';
	error: string;
}

export const DOWNLOAD_FAILED = 'download_failed';

export const DOWNLOAD_FAILED_MESSAGE = 'The output file could not be downloaded';

/** `download_failed`: the first failed file's HTTP status, and every failed file in `error`. */
export function downloadFailedStatus(failures: FileFailure[]): DownloadFailedFields {
	return {
		success: false,
		statusCode: failures[0]?.statusCode ?? null,
		status: DOWNLOAD_FAILED,
		statusMessage: DOWNLOAD_FAILED_MESSAGE,
		error: failures.map(({ host, reason }) => `${host}: ${reason}`).join('; '),
	};
}

/** The binary property of the n-th stored file (from 0): `data`, `data_1`, `data_2`... */
export const binaryPropertyName = (base: string, index: number) =>
	index === 0 ? base : `${base}_${index}`;

const failureOf = ({ host, statusCode, reason }: DownloadFailure): FileFailure => ({
	host,
	statusCode,
	reason,
});

/**
 * Stores found files, in order: data: URIs and base64 decoded (always, whatever
 * `downloadOutputs` says), URLs downloaded when `downloadOutputs` is on. Every file is tried;
 * the ones that fail are listed in `failures` and leave no gap in the numbering of binary
 * properties. Resolves undefined when the run stops or is cancelled.
 */
export async function storeFiles(
	downloader: Downloader,
	context: BinaryContext,
	found: FoundFile[],
	settings: FileSettings,
): Promise<StoredFiles | undefined> {
	const stored: StoredFiles = { files: [], binary: {}, failures: [] };
	const keep = (file: Omit<OutputFile, 'binaryProperty'>, data: IBinaryData | undefined) => {
		const property = data
			? binaryPropertyName(settings.binaryPropertyOutput, Object.keys(stored.binary).length)
			: null;
		if (data && property) stored.binary[property] = data;
		stored.files.push({ ...file, binaryProperty: property });
	};
	for (const file of found) {
		if (file.source === 'inline') {
			const bytes = Buffer.from(file.base64, 'base64');
			const fileName = outputFileName(file.mimeType);
			const entry = { url: null, mimeType: file.mimeType, fileName, fileSize: bytes.length };
			try {
				keep(entry, await context.helpers.prepareBinaryData(bytes, fileName, file.mimeType));
			} catch (error) {
				stored.failures.push({ host: fileName, statusCode: null, reason: refusalText(error) });
				keep({ ...entry, mimeType: null, fileSize: null }, undefined);
			}
			continue;
		}
		const notKept = {
			url: file.url,
			mimeType: null,
			fileName: urlFileName(file.url) ?? 'output',
			fileSize: null,
		};
		if (!settings.downloadOutputs) {
			keep(notKept, undefined);
			continue;
		}
		const outcome = await downloader.download(
			file.url,
			{ downloadFrom: settings.downloadFrom, maxFileSizeMiB: settings.maxFileSizeMiB },
			async ({ body, headers }) => {
				const { fileName, mimeType } = describeDownload(headers, file.url);
				const data = await context.helpers.prepareBinaryData(body, fileName, mimeType);
				return { data, fileName, mimeType };
			},
		);
		if (outcome === undefined) return undefined;
		if (!outcome.ok) {
			stored.failures.push(failureOf(outcome.failure));
			keep(notKept, undefined);
			continue;
		}
		const { data, fileName, mimeType } = outcome.stored;
		keep({ url: file.url, mimeType, fileName, fileSize: outcome.bytes }, data);
	}
	return stored;
}

/**
 * A copy of `output` with each stored data: URI or base64 string (by its `at`) replaced by
 * `binary:<property>`; the value itself when nothing was replaced.
 */
export function withBinaryReferences(
	output: unknown,
	found: FoundFile[],
	properties: Array<string | null>,
): unknown {
	const references = new Map<string, string>();
	found.forEach((file, index) => {
		const property = properties[index];
		if (file.source === 'inline' && file.at && property) {
			references.set(JSON.stringify(file.at), `binary:${property}`);
		}
	});
	if (references.size === 0) return output;
	const replace = (value: unknown, at: OutputPath): unknown => {
		const reference = references.get(JSON.stringify(at));
		if (reference !== undefined) return reference;
		if (Array.isArray(value)) return value.map((entry, index) => replace(entry, [...at, index]));
		if (isObject(value)) {
			return Object.fromEntries(
				Object.entries(value).map(([key, entry]) => [key, replace(entry, [...at, key])]),
			);
		}
		return value;
	};
	return replace(output, []);
}

/** An answer's output files, stored: what the output item carries. */
export interface OutputFiles {
	/** The answer's output, with `binary:<property>` in place of each decoded file. */
	output: unknown;
	files: OutputFile[];
	/** The stored files; undefined when none was stored. */
	binary?: IBinaryKeyData;
	/** The download_failed status fields, when a file could not be kept. */
	failure?: DownloadFailedFields;
}

/**
 * Finds an answer's output files (rules 2 and 3), stores them, and puts `binary:<property>` in
 * place of the decoded ones in `output`. A sync JSON answer: `{output}`; a queued result:
 * `{output, result}` (the whole result: its other fields are searched after `output`).
 * Resolves undefined when the run stops or is cancelled.
 */
export async function storeOutputFiles(
	downloader: Downloader,
	context: BinaryContext,
	answer: { output: unknown; result?: IDataObject },
	settings: FileSettings,
): Promise<OutputFiles | undefined> {
	const found = answer.result
		? findResultFiles(answer.output, answer.result)
		: findFiles(answer.output);
	return await storeFoundFiles(downloader, context, answer.output, found, settings);
}

/**
 * Stores files already found in `output` (see storeFiles), and puts `binary:<property>` in place
 * of the decoded ones in `output`. Resolves undefined when the run stops or is cancelled.
 */
export async function storeFoundFiles(
	downloader: Downloader,
	context: BinaryContext,
	output: unknown,
	found: FoundFile[],
	settings: FileSettings,
): Promise<OutputFiles | undefined> {
	const stored = await storeFiles(downloader, context, found, settings);
	if (!stored) return undefined;
	return {
		output: withBinaryReferences(
			output,
			found,
			stored.files.map((file) => file.binaryProperty),
		),
		files: stored.files,
		...(Object.keys(stored.binary).length > 0 && { binary: stored.binary }),
		...(stored.failures.length > 0 && { failure: downloadFailedStatus(stored.failures) }),
	};
}

/** How a sync answer's body is stored. */
export interface FileBodyOptions {
	/** The answer's Content-Type: the file's type, and its name's extension. */
	contentType?: unknown;
	/** Where the file goes (the run's `binaryPropertyOutput`). */
	binaryPropertyOutput: string;
	/** The request's time limit, reading the body included: past it, the item is a timeout. */
	deadline?: Deadline;
	/** The controller whose signal the request was sent with: aborted at the deadline or a cancel. */
	abort?: AbortController;
}

/** A sync answer's body stored as the item's one file, or why it could not be. */
export type StoredFileBody =
	| { ok: true; files: OutputFile[]; binary: IBinaryKeyData }
	| { ok: false; status: StatusFields & { error: string } };

/**
 * Stores the body a model answered with (rule 1) as one file: `url` null, named `output.<ext>`
 * after its type (a missing or octet-stream type is read from a buffer's first bytes). It is the
 * only copy of a billed result, so it is kept whatever `downloadOutputs` and `maxFileSize` say.
 * With a deadline, a stream still being read when it passes is cut off (status `timeout`); a body
 * cut short is `network_error`, a store that refuses it `download_failed`. Resolves undefined
 * when the run is cancelled while the body is read.
 */
export async function storeFileBody(
	context: BinaryContext,
	body: Buffer | FileStream,
	options: FileBodyOptions,
): Promise<StoredFileBody | undefined> {
	const declared = baseMimeType(options.contentType);
	const sniffed =
		Buffer.isBuffer(body) && needsSniffing(declared) ? sniffMimeType(body) : undefined;
	const mimeType = sniffed ?? declared ?? 'application/octet-stream';
	const fileName = outputFileName(mimeType);
	const property = options.binaryPropertyOutput;
	const file = (fileSize: number): OutputFile[] => [
		{ url: null, mimeType, fileName, fileSize, binaryProperty: property },
	];
	if (Buffer.isBuffer(body)) {
		try {
			const data = await context.helpers.prepareBinaryData(body, fileName, mimeType);
			return { ok: true, files: file(body.length), binary: { [property]: data } };
		} catch (error) {
			return { ok: false, status: { ...storeRefused(), error: refusalText(error) } };
		}
	}
	const signal = context.getExecutionCancelSignal();
	const cutoff = watchCutoff(
		options.deadline ? Math.max(1, options.deadline.remainingMs()) : undefined,
		signal,
		options.abort,
	);
	try {
		const read = await readInto(
			body,
			() => context.helpers.prepareBinaryData(body, fileName, mimeType),
			{ cutoff },
		);
		if (read.ok) return { ok: true, files: file(read.bytes), binary: { [property]: read.stored } };
		if (read.end === 'cancelled' || signal?.aborted) return undefined;
		if (read.end === 'timeout' && options.deadline) {
			const expired = options.deadline.expired();
			return { ok: false, status: { ...statusOf(expired), error: expired.message } };
		}
		if (read.end === 'body') {
			const { message, code } = describeNoAnswer(read.error, options.deadline?.timeoutMs ?? 0);
			const failed: NoAnswer = { answered: false, kind: 'network', code, message };
			return {
				ok: false,
				status: {
					...statusOf(failed),
					error: `The answer was cut short: ${networkText(message, code)}`,
				},
			};
		}
		return { ok: false, status: { ...storeRefused(), error: refusalText(read.error) } };
	} finally {
		cutoff.release();
	}
}

const storeRefused = (): StatusFields => ({
	success: false,
	statusCode: 200,
	status: DOWNLOAD_FAILED,
	statusMessage: DOWNLOAD_FAILED_MESSAGE,
});
