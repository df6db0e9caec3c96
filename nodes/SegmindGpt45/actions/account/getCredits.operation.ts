import type { INodeExecutionData } from 'n8n-workflow';

import { jobPerItem, type JobSource } from '../../jobs/Job';
import { creditsOutput } from '../output';
import type { ApiRoot } from '../../../shared/transport/baseUrl';

/** One balance request per input item. */
export function creditJobs(items: INodeExecutionData[], apiRoot: ApiRoot): JobSource {
	return jobPerItem(
		items.length,
		() => ({
			request: { method: 'GET' as const, url: `${apiRoot.root}/v1/get-user-credits` },
			toOutput: creditsOutput,
		}),
		apiRoot.refused,
	);
}
