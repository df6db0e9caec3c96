// Waits until the main process serves a published workflow's webhooks: it registers them a
// moment after the publish call has answered, and a request before that gets a 404.
import { setTimeout as delay } from 'timers/promises';

import type { WorkflowJson } from '../n8n/sandbox';

const timeoutMs = 30_000;

interface WebhookRoute {
	method: string;
	path: string;
}

function webhookRoutes(workflow: WorkflowJson): WebhookRoute[] {
	return (workflow.nodes as Array<{ type: string; parameters: Record<string, unknown> }>)
		.filter((node) => node.type === 'n8n-nodes-base.webhook')
		.map((node) => ({
			method: String(node.parameters.httpMethod ?? 'GET'),
			path: String(node.parameters.path),
		}));
}

/**
 * A CORS preflight looks the webhook up as the request itself would, without starting an
 * execution: 204 once it is registered.
 */
async function served(url: string, { method, path }: WebhookRoute): Promise<boolean> {
	const response = await fetch(`${url}/webhook/${path}`, {
		method: 'OPTIONS',
		headers: { origin: url, 'access-control-request-method': method },
	});
	await response.arrayBuffer();
	return response.status === 204;
}

export async function waitForWebhooks(url: string, workflows: WorkflowJson[]): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (const route of workflows.flatMap(webhookRoutes)) {
		while (!(await served(url, route))) {
			if (Date.now() > deadline)
				throw new Error(
					`The webhook ${route.method} /webhook/${route.path} was not served within ${timeoutMs / 1000} s of publishing`,
				);
			await delay(200);
		}
	}
}
