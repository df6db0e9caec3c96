import type { NodeHint } from 'n8n-workflow';

/** After a run in which Segmind turned items away for the plan's limit: how to stay under it. */
export const RATE_LIMITED_HINT: NodeHint = {
	message:
		'Segmind answered "rate_limited": set Options → Requests per Minute to your plan\'s limit (Free 5, Pro 50).',
	type: 'warning',
	location: 'outputPane',
	whenToDisplay: 'afterExecution',
	displayCondition: '={{ $json.status === "rate_limited" }}',
};
