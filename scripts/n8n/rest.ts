// A running n8n's REST API, as the editor uses it, logged in as the instance owner: what the
// editor does to put in a credential and a workflow, publish it, and look at its executions and
// stored static data. The same routes in n8n 2.41.1 and 1.123.81. (n8n's CLI is slower, one
// process per command, and cannot publish a queue-mode stack's workflows:
// `import:workflow --activeState=fromJson` is refused for lack of the owner's permissions until
// a server has set the roles up, and `publish:workflow` takes effect only when the server
// restarts.)
import type { Login } from '../stack/owner';
import type { CredentialSpec, N8nSandbox, WorkflowJson } from './sandbox';

export interface CredentialRef {
	id: string;
	name: string;
}

export interface SavedWorkflow {
	id: string;
	versionId: string;
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

export class N8nRest {
	private constructor(
		private readonly url: string,
		private readonly cookie: string,
	) {}

	/** Logs in to a server whose owner is set up already (a queue-mode stack's main process). */
	static async logIn(url: string, login: Login): Promise<N8nRest> {
		const response = await fetch(`${url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: login.email, password: login.password }),
		});
		const cookie = response.headers.get('set-cookie')?.split(';')[0];
		if (!response.ok || !cookie)
			throw new Error(`POST /rest/login answered ${response.status}: ${await response.text()}`);
		return new N8nRest(url, cookie);
	}

	/** A sandbox's running server, its owner set up on first use. */
	static async of(sandbox: N8nSandbox): Promise<N8nRest> {
		return new N8nRest(sandbox.url, await sandbox.ownerCookie());
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

	/** Creates a credential (n8n picks its id) from plain data; n8n encrypts it. */
	async createCredential({ name, type, data }: Omit<CredentialSpec, 'id'>): Promise<CredentialRef> {
		const created = await this.call<{ id: string }>('POST', 'credentials', { name, type, data });
		return { id: created.id, name };
	}

	/** Saves the workflow (inactive, as the editor does; n8n 1.x picks its own id) and returns its id and version. */
	async createWorkflow(workflow: WorkflowJson): Promise<SavedWorkflow> {
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
	 * error when that fails); n8n 2.41 publishes through its outbox, so the activation, with a
	 * trigger's first poll, comes a moment after the answer and a failure is an activation error.
	 */
	async activate(workflow: SavedWorkflow): Promise<void> {
		await this.call('POST', `workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
	}

	/** Saves the workflow and publishes that version, as the editor's Publish button does. */
	async createAndPublishWorkflow(workflow: WorkflowJson): Promise<void> {
		await this.activate(await this.createWorkflow(workflow));
	}

	/**
	 * Why activating the workflow failed, or '' when it did not: n8n 1.x answers the activation
	 * with the error; n8n 2.41 reports it in the publication status once its outbox has
	 * published (about 15 s), trigger by trigger.
	 */
	async activationFailure(workflow: SavedWorkflow): Promise<string> {
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
