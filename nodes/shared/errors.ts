import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { StatusOutput } from './client';

/** What a billed run left to collect: its queue request id, and its output files' URLs. */
interface BilledRun {
	requestId?: unknown;
	files?: unknown;
}

/**
 * Where the output of a billed run whose files could not be downloaded can still be fetched: the
 * file URLs (kept 7 days) and the request id (Get Queued Result collects it, unbilled).
 */
function collectableText({ requestId, files }: BilledRun): string {
	const urls = (Array.isArray(files) ? (files as Array<{ url?: unknown }>) : [])
		.map((file) => file?.url)
		.filter((url): url is string => typeof url === 'string');
	const id = typeof requestId === 'string' && requestId !== '' ? requestId : undefined;
	return [
		'The run was billed; its output can still be collected.',
		`Request ID: ${id ?? 'none (a sync run)'}${id ? ' (Get Queued Result fetches it again, unbilled, within an hour)' : ''}.`,
		`File URLs: ${urls.length > 0 ? urls.join(', ') : 'none'}.`,
	].join(' ');
}

/**
 * The error for a failed request under "Stop With an Error". Its message never holds a system
 * error code: n8n would replace such a message with its own wording. A `download_failed` item's
 * description also carries its `requestId` and file URLs (the item's own fields).
 */
export function apiFailureError(
	node: INode,
	output: StatusOutput & BilledRun,
	itemIndex?: number,
): NodeApiError {
	const { statusCode, status, statusMessage, remainingCredits, error } = output;
	const billed = status === 'download_failed' ? ` ${collectableText(output)}` : '';
	return new NodeApiError(node, { statusCode, status, error } as JsonObject, {
		message: `${statusMessage} [${status}]`,
		description: `Status code: ${statusCode ?? 'none'}. Remaining credits: ${remainingCredits ?? 'unknown'}. ${error ?? ''}${billed}`,
		httpCode: statusCode === null ? undefined : String(statusCode),
		itemIndex,
	});
}

/** The item n8n's "Continue (using error output)" routes to the error output. */
export function errorOutputJson(error: NodeApiError, output: StatusOutput): IDataObject {
	const { statusCode, status, statusMessage, remainingCredits } = output;
	return {
		error: error.message,
		details: { statusCode, status, statusMessage, remainingCredits, error: output.error },
	};
}

/** The error a cancelled run ends with: n8n recognises the wording ("canceled") and marks the run canceled. */
export const canceledError = (node: INode) =>
	new NodeOperationError(node, 'The execution was canceled');
