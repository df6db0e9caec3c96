import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import {
	contentTypeOf,
	describeNoAnswer,
	readRemainingCredits,
	statusOutputOf,
	withinTime,
	type ApiAnswer,
	type BodyStream,
	type Deadline,
	type StatusOutput,
} from '../../shared/client';
import type { OutputFile } from './output';

// The extension a sync answer's file gets from its type (`output.<ext>`).
const EXTENSIONS: Record<string, string> = {
	'image/png': 'png',
	'image/jpeg': 'jpg',
	'image/gif': 'gif',
	'image/webp': 'webp',
	'image/svg+xml': 'svg',
	'video/mp4': 'mp4',
	'video/webm': 'webm',
	'video/quicktime': 'mov',
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/ogg': 'ogg',
	'application/pdf': 'pdf',
	'model/gltf-binary': 'glb',
	'application/zip': 'zip',
	'application/octet-stream': 'bin',
};

const OCTET_STREAM = 'application/octet-stream';

/** The file name of a sync answer's body: `output.<ext>` from its MIME type. */
export const bodyFileName = (mimeType: string): string =>
	`output.${EXTENSIONS[mimeType] ?? mimeType.split('/')[1]?.replace(/[^a-z0-9]/g, '') ?? 'bin'}`;

/** How many bytes n8n stored (n8n 1.x keeps no count in memory mode: the data's length then). */
function storedBytes(binary: IBinaryData): number | null {
	if (typeof binary.bytes === 'number') return binary.bytes;
	return binary.id === undefined && binary.data ? Buffer.byteLength(binary.data, 'base64') : null;
}

/**
 * Stores a sync answer's file body in n8n's binary data, streamed, within what is left of the
 * run's deadline. It is the only copy of a billed result: it is kept whatever its size. A body
 * that cannot be read to its end fails the item (timeout, or the connection's failure), with the
 * balance the answer reported.
 */
export async function storeFileBody(
	context: IExecuteFunctions,
	answer: ApiAnswer & { body: BodyStream },
	binaryProperty: string,
	deadline: Deadline,
): Promise<{ file: OutputFile; binary: IBinaryData } | { failure: StatusOutput }> {
	const mimeType = contentTypeOf(answer.headers) || OCTET_STREAM;
	const fileName = bodyFileName(mimeType);
	const stream = answer.body;
	const remainingCredits = readRemainingCredits(answer.headers);
	const failed = (failure: StatusOutput) => ({ failure: { ...failure, remainingCredits } });
	try {
		const stored = await withinTime(
			context.helpers.prepareBinaryData(stream as never, fileName, mimeType),
			deadline.remainingMs(),
			context.getExecutionCancelSignal(),
		);
		if (stored === 'expired' || stored === 'cancelled') {
			stream.destroy();
			return failed(statusOutputOf(deadline.expired()));
		}
		const binary = stored.value;
		return {
			binary,
			file: {
				url: null,
				mimeType: binary.mimeType,
				fileName: binary.fileName ?? fileName,
				fileSize: storedBytes(binary),
				binaryProperty,
			},
		};
	} catch (error) {
		stream.destroy();
		return failed(statusOutputOf(describeNoAnswer(error, deadline.timeoutMs)));
	}
}
