// The workflow the queue-mode stack runs: a Webhook receives `{ items: [{ prompt }, ...] }`,
// Split Out makes one item per prompt, the Segmind node asks each (define mode), and the
// Webhook answers once the last node is done, with every output item: one HTTP request is one
// execution, its response the execution's outputs.
import type { WorkflowJson } from '../n8n/sandbox';
import type { CredentialRef } from '../n8n/rest';

export const segmindNodeName = 'Ask Segmind';

export interface WebhookWorkflowOptions {
	/** Workflow id, also the webhook's path. */
	id: string;
	credential: CredentialRef;
	/** The Segmind node's `options` (concurrency, maxRetries, rateLimitWait, ...). */
	segmindOptions?: Record<string, unknown>;
}

/** The body one execution is started with. */
export interface WebhookBody {
	items: Array<{ prompt: string }>;
}

/**
 * The Webhook node that starts an execution at POST /webhook/<path> and answers, once the last
 * node is done, with every output item.
 */
export const webhookNode = (path: string) => ({
	id: 'webhook',
	name: 'Webhook',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	position: [0, 0],
	webhookId: `${path}-webhook`,
	parameters: {
		httpMethod: 'POST',
		path,
		responseMode: 'lastNode',
		responseData: 'allEntries',
		options: {},
	},
});

export function webhookWorkflow({
	id,
	credential,
	segmindOptions = {},
}: WebhookWorkflowOptions): WorkflowJson {
	return {
		id,
		name: `Queue mode: ${id}`,
		settings: { executionOrder: 'v1' },
		nodes: [
			webhookNode(id),
			{
				id: 'split',
				name: 'One item per prompt',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
			},
			{
				id: 'segmind',
				name: segmindNodeName,
				type: 'n8n-nodes-segmind.segmindGpt45',
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					operation: 'message',
					inputMode: 'define',
					messages: { values: [{ role: 'user', content: '={{ $json.prompt }}' }] },
					options: segmindOptions,
				},
				credentials: { segmindApi: credential },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'One item per prompt', type: 'main', index: 0 }]] },
			'One item per prompt': { main: [[{ node: segmindNodeName, type: 'main', index: 0 }]] },
		},
	};
}
