import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { StatusOutput } from './client';

/**
 * The error for a failed request under "Stop With an Error". Its message never holds a system
 * error code: n8n would replace such a message with its own wording.
 */
export function apiFailureError(
	node: INode,
	output: StatusOutput,
	itemIndex?: number,
): NodeApiError {
	const { statusCode, status, statusMessage, remainingCredits, error } = output;
	return new NodeApiError(node, { statusCode, status, error } as JsonObject, {
		message: `${statusMessage} [${status}]`,
		description: `Status code: ${statusCode ?? 'none'}. Remaining credits: ${remainingCredits ?? 'unknown'}. ${error ?? ''}`,
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
