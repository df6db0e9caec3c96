import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * The error for a failed request under "Stop With an Error". Its message never holds a system
 * error code: n8n would replace such a message with its own wording.
 */
export function apiFailureError(node: INode, output: IDataObject, itemIndex: number): NodeApiError {
	const { statusCode, status, statusMessage, remainingCredits, error } = output;
	return new NodeApiError(node, { statusCode, status, error } as JsonObject, {
		message: `${String(statusMessage)} [${String(status)}]`,
		description: `Status code: ${statusCode ?? 'none'}. Remaining credits: ${remainingCredits ?? 'unknown'}. ${String(error)}`,
		httpCode: typeof statusCode === 'number' ? String(statusCode) : undefined,
		itemIndex,
	});
}

/** The item n8n's "Continue (using error output)" routes to the error output. */
export function errorOutputJson(error: NodeApiError, output: IDataObject): IDataObject {
	const { statusCode, status, statusMessage, remainingCredits } = output;
	return {
		error: error.message,
		details: { statusCode, status, statusMessage, remainingCredits, error: output.error },
	};
}
