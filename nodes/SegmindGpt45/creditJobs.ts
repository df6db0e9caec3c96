import type { INodeExecutionData } from 'n8n-workflow';

import { prepareJob, type Job } from './Job';
import { creditsOutput } from './output';
import type { ApiRoot } from './transport/baseUrl';

/** One balance request per input item. */
export function prepareCreditJobs(items: INodeExecutionData[], apiRoot: ApiRoot): Job[] {
	return items.map((_, itemIndex) =>
		prepareJob(
			itemIndex,
			{ item: itemIndex },
			() => ({
				request: { method: 'GET' as const, url: `${apiRoot.root}/v1/get-user-credits` },
				toOutput: creditsOutput,
			}),
			apiRoot.refused,
		),
	);
}
