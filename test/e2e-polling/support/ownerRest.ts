// The REST API of a sandbox's running n8n, as the editor uses it, logged in as its owner: what
// the editor does to put in a credential and a workflow, activate (publish) it, and look at its
// executions and stored static data. The same routes in n8n 2.41.1 and 1.123.81.
import type { CredentialSpec, N8nSandbox, WorkflowJson } from '../../../scripts/n8n/sandbox';

export interface CredentialRef {
	id: string;
	name: string;
}

export interface ExecutionSummary {
	id: string;
	mode: string;
	status: string;
}

interface PublicationStatus {
	status: string;
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
}

export class OwnerRest {
	private constructor(
		private readonly url: string,
		private readonly cookie: string,
	) {}

	static async of(sandbox: N8nSandbox): Promise<OwnerRest> {
		return new OwnerRest(sandbox.url, await sandbox.ownerCookie());
	}

	/** The answer's `data`, or an Error quoting n8n's message. */
	private async call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}/rest/${route}`, {
			method,
			headers: { cookie: this.cookie, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(
				`${method} /rest/${route} answered ${response.status}: ${text.slice(0, 400)}`,
			);
		return (JSON.parse(text) as { data: T }).data;
	}

	async createCredential({ name, type, data }: Omit<CredentialSpec, 'id'>): Promise<CredentialRef> {
		const created = await this.call<{ id: string }>('POST', 'credentials', { name, type, data });
		return { id: created.id, name };
	}

	/** Saves the workflow (inactive, as the editor does; n8n 1.x picks its own id) and returns its id and version. */
	async createWorkflow(workflow: WorkflowJson): Promise<{ id: string; versionId: string }> {
		const { id, name, nodes, connections, settings } = workflow;
		return await this.call('POST', 'workflows', {
			id,
			name,
			active: false,
			nodes,
			connections,
			settings: settings ?? {},
		});
	}

	/**
	 * Activates (publishes) a saved version. n8n 1.x activates before it answers (and answers an
	 * error when that fails); n8n 2.41 publishes through its outbox, so the activation, with the
	 * trigger's first poll, comes a moment after the answer and a failure is an activation error.
	 */
	async activate(workflow: { id: string; versionId: string }): Promise<void> {
		await this.call('POST', `workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
	}

	/**
	 * Why activating the workflow failed, or '' when it did not: n8n 1.x answers the activation
	 * with the error; n8n 2.41 reports it in the publication status once its outbox has
	 * published (about 15 s), trigger by trigger.
	 */
	async activationFailure(workflow: { id: string; versionId: string }): Promise<string> {
		const refused = await this.activate(workflow).then(
			() => '',
			(error: Error) => error.message,
		);
		if (refused !== '') return refused;
		for (const started = Date.now(); Date.now() - started < 90_000; ) {
			const status = await this.call<PublicationStatus>(
				'GET',
				`workflows/${workflow.id}/publication-status`,
			);
			if (status.status !== 'in_progress') {
				return status.triggers.map((trigger) => trigger.errorMessage ?? '').join('; ');
			}
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
		throw new Error(`The publication of workflow ${workflow.id} did not end within 90 s`);
	}

	async deactivate(workflowId: string): Promise<void> {
		await this.call('POST', `workflows/${workflowId}/deactivate`, {});
	}

	/** The workflow's static data as n8n has stored it in its database. */
	async storedStaticData(workflowId: string): Promise<Record<string, unknown>> {
		const workflow = await this.call<{ staticData?: Record<string, unknown> | null }>(
			'GET',
			`workflows/${workflowId}`,
		);
		return workflow.staticData ?? {};
	}

	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.call<{ results: ExecutionSummary[] }>(
			'GET',
			`executions?filter=${filter}`,
		);
		return page.results.map(({ id, mode, status }) => ({ id, mode, status }));
	}
}
