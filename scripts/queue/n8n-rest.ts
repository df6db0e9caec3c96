// The main process's REST API, as the editor uses it, logged in as the instance owner: the
// queue-mode stack puts its credential and workflows in this way, and publishes the workflows
// as the editor's Publish button does. (n8n's CLI is slower, one process per command, and
// cannot publish here: `import:workflow --activeState=fromJson` is refused for lack of the
// owner's permissions until a server has set the roles up, and `publish:workflow` takes effect
// only when the server restarts.)
import type { CredentialSpec, WorkflowJson } from '../n8n/sandbox';
import type { Login } from '../stack/owner';

export interface CredentialRef {
	id: string;
	name: string;
}

export class N8nRest {
	private constructor(
		private readonly url: string,
		private readonly cookie: string,
	) {}

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

	private async call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}/rest/${route}`, {
			method,
			headers: { cookie: this.cookie, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok)
			throw new Error(
				`${method} /rest/${route} answered ${response.status}: ${text.slice(0, 300)}`,
			);
		return (JSON.parse(text) as { data: T }).data;
	}

	/** Creates a credential (n8n picks its id) from plain data; n8n encrypts it. */
	async createCredential({ name, type, data }: Omit<CredentialSpec, 'id'>): Promise<CredentialRef> {
		const created = await this.call<{ id: string }>('POST', 'credentials', { name, type, data });
		return { id: created.id, name };
	}

	/** Creates the workflow under its own id and publishes that version. */
	async createAndPublishWorkflow(workflow: WorkflowJson): Promise<void> {
		const { id, name, nodes, connections, settings } = workflow;
		const created = await this.call<{ id: string; versionId: string }>('POST', 'workflows', {
			id,
			name,
			nodes,
			connections,
			settings: settings ?? {},
		});
		await this.call('POST', `workflows/${created.id}/activate`, { versionId: created.versionId });
	}
}
