import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { SegmindClient, StatusOutput } from '../client';
import { placeInputValues, type Placement } from './body';
import type { SendAs } from './field';
import { dataUriOf, readFileBase64, type InputFile } from './files';
import type { BinaryInputs } from './rows';
import { uploadDataUris, type UploadResult } from './upload';

/** An upload that failed: the item's status fields (`error` starts `Uploading "photo": `) and its answer body. */
export interface FailedUpload {
	status: StatusOutput & { error: string };
	/** The storage's answer body, for includeRawResponse; undefined when none came. */
	response: unknown;
}

/** The body with the files in it, or the failed upload that stops the item (nothing submitted). */
export type AppliedInputs = { body: IDataObject } | { failed: FailedUpload };

/** How files are read and uploaded: n8n's binary helpers and the storage, or a test's stand-ins. */
export interface FileAccess {
	/** The file's base64; throws BadInput when it cannot be read or is too large. */
	read(file: InputFile): Promise<string>;
	/** Uploads one file as a data: URI; undefined when the run stopped first. */
	upload(dataUri: string): Promise<UploadResult | undefined>;
}

const failedUpload = (property: string, result: UploadResult & { uploaded: false }) => ({
	failed: {
		status: { ...result.status, error: `Uploading "${property}": ${result.status.error}` },
		response: result.response,
	},
});

/**
 * The body with an item's Input Files placed, files read and uploaded through `access`. Each file
 * is read once, even when several rows name it, and kept only while a row still needs it; each
 * upload carries one file. The first failed upload stops the item: the rest are not uploaded.
 */
export async function resolveBinaryInputs(
	body: IDataObject,
	{ rows }: BinaryInputs,
	access: FileAccess,
): Promise<AppliedInputs | undefined> {
	if (rows.length === 0) return { body };
	// The encodings each property is still wanted in: its base64 is kept until the last is made.
	const wanted = new Map<string, Set<SendAs>>();
	for (const { sendAs, files } of rows) {
		for (const { property } of files) {
			wanted.set(property, (wanted.get(property) ?? new Set()).add(sendAs));
		}
	}
	const base64s = new Map<string, string>();
	const base64Of = async (file: InputFile, sendAs: SendAs) => {
		const base64 = base64s.get(file.property) ?? (await access.read(file));
		const left = wanted.get(file.property);
		left?.delete(sendAs);
		if (left?.size) base64s.set(file.property, base64);
		else base64s.delete(file.property);
		return base64;
	};

	const values = new Map<string, string>();
	const placements: Placement[] = [];
	for (const { parameter, sendAs, files } of rows) {
		const placed: string[] = [];
		for (const file of files) {
			const key = `${sendAs}:${file.property}`;
			let value = values.get(key);
			if (value === undefined) {
				const base64 = await base64Of(file, sendAs);
				if (sendAs === 'base64') value = base64;
				else if (sendAs === 'dataUri') value = dataUriOf(file.mimeType, base64);
				else {
					const result = await access.upload(dataUriOf(file.mimeType, base64));
					if (!result) return undefined;
					if (!result.uploaded) return failedUpload(file.property, result);
					value = result.urls[0];
				}
				values.set(key, value);
			}
			placed.push(value);
		}
		placements.push({ parameter, values: placed });
	}
	return { body: placeInputValues(body, placements) };
}

/**
 * For an operation's `send`, just before its request: the body (json mode's object, or a
 * PixelFlow's inputs) with the item's Input Files placed. Files are read through n8n's binary
 * helpers here, so only the files of requests in flight are held in memory. Resolves to the body,
 * or to a failed upload to output as the item (nothing is submitted for it), or undefined when the
 * run stopped. Throws BadInput for a file that cannot be read or is over maxFileSize.
 */
export async function applyBinaryInputs(
	client: SegmindClient,
	context: IExecuteFunctions,
	body: IDataObject,
	inputs: BinaryInputs,
): Promise<AppliedInputs | undefined> {
	return await resolveBinaryInputs(body, inputs, {
		read: async (file) => await readFileBase64(context, file, inputs.limitBytes),
		upload: async (dataUri) => await uploadDataUris(client, [dataUri]),
	});
}
