import type { IExecuteFunctions } from 'n8n-workflow';

import { BadInput } from './badInput';

/**
 * The Request ID of a Get Queued Result item, trimmed (n8n may hand an expression's number
 * over as one); bad input when empty, naming the items that carry one (`carriedBy`).
 */
export function readRequestId(
	context: IExecuteFunctions,
	itemIndex: number,
	carriedBy: string,
): string {
	const given = context.getNodeParameter('requestId', itemIndex, '');
	const requestId =
		typeof given === 'string' || typeof given === 'number' ? String(given).trim() : '';
	if (requestId === '')
		throw new BadInput(`requestId is empty: pass the requestId of ${carriedBy}`);
	return requestId;
}
