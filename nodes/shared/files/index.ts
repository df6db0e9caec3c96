/**
 * Output files: found in an answer, downloaded or decoded into n8n's binary data, streamed.
 *
 * How an operation uses it (options: `fileOptions` from ../options, read with `readFileSettings`
 * in `prepare`, which throws BadInput for an empty `binaryPropertyOutput`):
 *
 * - A queued result or a sync JSON answer:
 *       const stored = await storeOutputFiles(client, context, { output, result }, settings);
 *       if (!stored) return undefined; // the run stopped or was cancelled
 *   For a completed `QueuedResult`, `output` is its `outcome.body` (already decoded) and
 *   `result` its `result` (the fields beside `output` are searched too); for a sync JSON answer,
 *   `output` is the parsed body and `result` is left out. The item gets `output: stored.output` (data: URIs and base64 replaced
 *   by `binary:<property>`), `files: stored.files` and `binary: stored.binary`; when
 *   `stored.failure` is set (a file was not kept), its fields (`success: false`,
 *   `status: 'download_failed'`, `statusCode`, `statusMessage`, `error`) go over the status
 *   fields. Keep `requestId` and `files` on the item: under "Stop With an Error",
 *   `apiFailureError` names them so the billed run can be collected.
 * - A sync answer whose body is a file (not JSON, not text/*): fetch it as a stream or buffer and
 *       const stored = await storeFileBody(context, body, { contentType, binaryPropertyOutput, deadline, abort });
 *   (`abort`: the AbortController whose signal the request was sent with). It is always kept;
 *   `ok: false` carries the status fields (timeout, network_error, or download_failed when
 *   n8n's store refused it); undefined: the run was cancelled.
 * - PixelFlow outputs (`outputs: {<keyname>: <data>}`): build the list yourself, in order, with
 *   `declaredFile(data, [keyname])` for a typed image, video, audio or file output and
 *   `findFiles(data, [keyname])` for an untyped one (none for text), then
 *   `storeFoundFiles(client, context, outputs, found, settings)`, which stores them and answers
 *   as `storeOutputFiles` does.
 *
 * Downloads go through `client.download` (client/download.ts): no API key, only from the hosts
 * `downloadFrom` allows (every redirect too), retried on 429, 5xx, timeouts and failed
 * connections within `timeout` (each download afresh), refused past `maxFileSize`. A file is
 * named by Content-Disposition, else by the URL the answer named (not a redirect's target).
 * Files are stored one after another, so the binary properties follow the answer's order.
 */
export {
	declaredFile,
	fileOfString,
	findFiles,
	findResultFiles,
	type FoundFile,
	type OutputPath,
} from './find';
export {
	describeDownload,
	extensionOf,
	mimeTypeOf,
	outputFileName,
	sniffMimeType,
	urlFileName,
} from './naming';
export {
	binaryPropertyName,
	DOWNLOAD_FAILED,
	DOWNLOAD_FAILED_MESSAGE,
	downloadFailedStatus,
	storeFileBody,
	storeFiles,
	storeFoundFiles,
	storeOutputFiles,
	withBinaryReferences,
	type BinaryContext,
	type DownloadFailedFields,
	type Downloader,
	type FileBodyOptions,
	type FileFailure,
	type OutputFile,
	type OutputFiles,
	type StoredFileBody,
	type StoredFiles,
} from './store';
export { readFileSettings, type FileSettings } from '../options/fileOptions';
