// Drives a real n8n, headless, in a throw-away user folder: import credentials and workflows
// with n8n's own CLI, execute a workflow and read its run data, or start the server.
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { e2eLine } from './e2e-line';
import { freePort } from './free-port';
import { ensureN8n, type N8nInstall } from './install';
import { installPackage, linkPackage } from './install-package';
import {
	n8nEnvironment,
	spawnN8nServer,
	waitForN8nServer,
	withNodeOptions,
} from './n8n-environment';
import { killGroup, runToEnd, tail, type Finished } from './processes';
import type { N8nLine } from './releases';
import { parseRunOutput, type WorkflowRun } from './run-data';

export * from './run-data';

export interface SandboxOptions {
	/** 'v2' (n8n 2.41, Node 24) or 'v1' (1.123, Node 20); default E2E_N8N_LINE, else v2. */
	line?: N8nLine;
	/** Install n8n-nodes-segmind from dist/ as a community package. Default true. */
	withPackage?: boolean;
	/** Folders of other community packages to link into the user folder (see linkPackage). */
	linkPackages?: string[];
	/** Extra environment for every n8n command of this sandbox. */
	env?: Record<string, string>;
}

export interface CredentialSpec {
	id: string;
	name: string;
	type: string;
	/** Plain values; n8n encrypts them with this sandbox's key on import. */
	data: Record<string, unknown>;
}

/** A workflow as n8n exports it; the import needs its `id`. */
export interface WorkflowJson {
	id: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export interface ExecuteOptions {
	/** Status the run must end with (default 'success') or 'any'; else execute throws. */
	expectStatus?: string;
	timeoutMs?: number;
	/** Environment for this command on top of the sandbox's (NODE_OPTIONS for a profile, say). */
	env?: Record<string, string>;
}

/** An n8n command failed; the message carries the end of its output. */
export class N8nCommandError extends Error {
	constructor(
		description: string,
		readonly output: string,
	) {
		super(`${description}\n--- n8n output (end) ---\n${tail(output)}`);
		this.name = 'N8nCommandError';
	}
}

const commandTimeoutMs = 180_000;

export class N8nSandbox {
	private server?: { child: ChildProcess; logFile: string };
	private baseUrl?: string;
	private cookie?: string;
	private ownerExists = false;

	/** stdout and stderr of the last n8n command this sandbox ran (to check what n8n printed). */
	lastOutput = '';

	/** The owner ownerCookie() sets up: a throw-away login for this sandbox's editor. */
	readonly owner = {
		email: 'owner@example.com',
		firstName: 'Test',
		lastName: 'Owner',
		password: 'Sandbox-Owner-1',
	};

	private constructor(
		readonly install: N8nInstall,
		/** The temp folder holding everything of this sandbox. */
		readonly root: string,
		/** N8N_USER_FOLDER: n8n keeps its .n8n folder (database, key, community packages) here. */
		readonly userFolder: string,
		private readonly env: NodeJS.ProcessEnv,
	) {}

	static async create(options: SandboxOptions = {}): Promise<N8nSandbox> {
		const install = await ensureN8n(options.line ?? e2eLine());
		const root = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${install.release.line}-`));
		const userFolder = path.join(root, 'user');
		fs.mkdirSync(userFolder);
		if (options.withPackage ?? true) installPackage(userFolder);
		for (const folder of options.linkPackages ?? []) linkPackage(userFolder, folder);
		return new N8nSandbox(
			install,
			root,
			userFolder,
			n8nEnvironment(install, userFolder, options.env ?? {}),
		);
	}

	get url(): string {
		if (!this.baseUrl) throw new Error('n8n is not started: call start() first');
		return this.baseUrl;
	}

	/** Runs one n8n CLI command with a task-runner port of its own (commands may overlap a server). */
	private async n8n(
		args: string[],
		timeoutMs = commandTimeoutMs,
		{ NODE_OPTIONS: nodeOptions, ...extraEnv }: Record<string, string> = {},
	): Promise<Finished> {
		const env = {
			...withNodeOptions(this.env, nodeOptions),
			...extraEnv,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		};
		const result = await runToEnd(this.install.runtime.binary, [this.install.n8nScript, ...args], {
			env,
			cwd: this.root,
			timeoutMs,
		});
		this.lastOutput = result.stdout + result.stderr;
		if (result.timedOut) {
			throw new N8nCommandError(
				`n8n ${args[0]} did not finish within ${timeoutMs} ms`,
				result.stdout + result.stderr,
			);
		}
		return result;
	}

	/** n8n skips an invalid workflow file and still exits 0: the count it reports is the verdict. */
	private async importCommand(
		args: string[],
		ids: string[],
		kind: 'credential' | 'workflow',
	): Promise<void> {
		const result = await this.n8n(args);
		const output = result.stdout + result.stderr;
		const imported = new RegExp(`Successfully imported (\\d+) ${kind}`).exec(output);
		if (result.code !== 0 || Number(imported?.[1]) !== ids.length) {
			throw new N8nCommandError(
				`n8n could not import the ${kind}s ${ids.join(', ')} (exit ${result.code})`,
				output,
			);
		}
	}

	/**
	 * Imports credentials in one n8n run. Their `data` is given in plain form: n8n 2.x and 1.x
	 * both encrypt an object there with the sandbox's key. The file holding it is deleted at once.
	 */
	async importCredentials(credentials: CredentialSpec[]): Promise<void> {
		const file = path.join(this.root, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
		try {
			const ids = credentials.map((credential) => credential.id);
			await this.importCommand(['import:credentials', `--input=${file}`], ids, 'credential');
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	async importCredential(credential: CredentialSpec): Promise<void> {
		await this.importCredentials([credential]);
	}

	/** Imports workflows in one n8n run (each needs an `id`). */
	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		const missingId = workflows.find((workflow) => !workflow.id);
		if (missingId)
			throw new Error(`Workflow "${missingId.name}" has no id; n8n execute --id needs one`);
		const dir = fs.mkdtempSync(path.join(this.root, 'workflows-'));
		try {
			workflows.forEach((workflow, index) =>
				fs.writeFileSync(
					path.join(dir, `${index}.json`),
					JSON.stringify({ active: false, settings: {}, ...workflow }),
				),
			);
			const ids = workflows.map((workflow) => workflow.id);
			await this.importCommand(
				['import:workflow', '--separate', `--input=${dir}`],
				ids,
				'workflow',
			);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	}

	async importWorkflow(workflow: WorkflowJson): Promise<void> {
		await this.importWorkflows([workflow]);
	}

	/**
	 * Runs an imported workflow with `n8n execute --id --rawOutput` (its start node must be a
	 * Manual Trigger) and returns the run. n8n's exit code is 1 for any failed run, so the run's
	 * own status is the verdict; when it is not the one expected, the error carries n8n's log.
	 */
	async execute(workflowId: string, options: ExecuteOptions = {}): Promise<WorkflowRun> {
		const { expectStatus = 'success', timeoutMs = commandTimeoutMs, env } = options;
		const result = await this.n8n(['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs, env);
		const output = result.stdout + result.stderr;
		const run = parseRunOutput(result.stdout);
		if (!run)
			throw new N8nCommandError(
				`n8n printed no run for workflow ${workflowId} (exit ${result.code})`,
				output,
			);
		if (expectStatus !== 'any' && run.status !== expectStatus) {
			const error = run.data.resultData.error;
			const reason = error
				? `: ${error.message}${error.description ? ` (${error.description})` : ''}`
				: '';
			throw new N8nCommandError(
				`Workflow ${workflowId} ended with status "${run.status}", expected "${expectStatus}"${reason}`,
				output,
			);
		}
		return run;
	}

	/**
	 * Starts `n8n start` and resolves with its URL once it serves requests: /healthz answers as
	 * soon as the port is open, so readiness and the REST API are what is waited for. The log
	 * goes to a file in the sandbox.
	 */
	async start({ timeoutMs = 120_000 }: { timeoutMs?: number } = {}): Promise<string> {
		if (this.server) return this.url;
		const port = await freePort();
		const logFile = path.join(this.root, 'n8n-start.log');
		const env = {
			...this.env,
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		};
		const child = spawnN8nServer(this.install, { env, cwd: this.root, logFile, logFlags: 'a' });
		this.server = { child, logFile };
		const url = `http://127.0.0.1:${port}`;
		try {
			await waitForN8nServer(child, url, timeoutMs);
		} catch (error) {
			await this.stop();
			throw new N8nCommandError(`n8n start ${(error as Error).message}`, this.serverLog(logFile));
		}
		this.baseUrl = url;
		return url;
	}

	/** Stops the server started by start(), with its task runner (the whole process group). */
	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		this.baseUrl = undefined;
		this.cookie = undefined;
		if (server) await killGroup(server.child);
	}

	/** What the running server has logged so far. */
	serverLog(logFile = this.server?.logFile): string {
		return logFile && fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
	}

	/**
	 * The session cookie of the instance owner, set up on first use (the editor and the REST
	 * API answer only once an owner exists). Log in to the editor with `owner`.
	 */
	async ownerCookie(): Promise<string> {
		if (this.cookie) return this.cookie;
		const { email, password } = this.owner;
		const [endpoint, body] = this.ownerExists
			? ['login', { emailOrLdapLoginId: email, password }]
			: ['owner/setup', this.owner];
		const response = await fetch(`${this.url}/rest/${endpoint}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const cookie = response.headers.get('set-cookie')?.split(';')[0];
		if (!response.ok || !cookie) {
			throw new Error(
				`POST /rest/${endpoint} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
			);
		}
		this.ownerExists = true;
		this.cookie = cookie;
		return cookie;
	}

	/**
	 * The node types the running server offers (e.g. `n8n-nodes-segmind.segmindGpt45`, and the
	 * `...Tool` variant n8n derives from a `usableAsTool` node), as the editor reads them.
	 */
	async nodeTypes(): Promise<string[]> {
		const response = await fetch(`${this.url}/types/nodes.json`, {
			headers: { cookie: await this.ownerCookie() },
		});
		if (!response.ok) throw new Error(`GET /types/nodes.json answered ${response.status}`);
		const types = (await response.json()) as Array<{ name: string }>;
		return [...new Set(types.map((type) => type.name))];
	}

	/** Stops the server and deletes the sandbox; set KEEP_N8N_SANDBOX=1 to keep it for a look. */
	async dispose(): Promise<void> {
		await this.stop();
		if (process.env.KEEP_N8N_SANDBOX === '1') {
			process.stderr.write(`n8n sandbox kept: ${this.root}\n`);
			return;
		}
		fs.rmSync(this.root, { recursive: true, force: true });
	}
}

export const createSandbox = N8nSandbox.create;
