import { jobPerItem, oneRequest } from '../../jobs/Job';
import type { Action } from '../Action';
import { requestOptions } from '../commonOptions';
import { creditsOutput } from '../output';

/** Get Remaining Credits: one balance request per input item. */
export const getCredits: Action = {
	operation: {
		name: 'Get Remaining Credits',
		value: 'getCredits',
		description: 'Read the account balance (credits and free credits)',
		action: 'Get remaining credits',
	},
	subtitle: '"Get remaining credits"',
	fields: [],
	options: requestOptions,
	jobs: (_context, items, apiRoot) =>
		jobPerItem(
			items.length,
			() =>
				oneRequest({ method: 'GET', url: `${apiRoot.root}/v1/get-user-credits` }, creditsOutput),
			apiRoot.refused,
		),
};
