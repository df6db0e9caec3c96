// An n8n that keeps its user folder between runs (the editor `npm start` opens, with the user's
// own workflows): n8n's CLI imports into it, and its server, on a chosen port, is stopped
// gracefully with its task runner.
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';

import { freePort } from '../n8n/free-port';
import type { N8nInstall } from '../n8n/install';
import {
	N8nNotReady,
	n8nEnvironment,
	spawnN8nServer,
	waitForN8nServer,
} from '../n8n/n8n-environment';
import { killGroup, runToEnd, tail } from '../n8n/processes';
import type { CredentialSpec, WorkflowJson } from '../n8n/sandbox';

const commandTimeoutMs = 180_000;
const readyTimeoutMs = 180_000;
// n8n finishes running executions on SIGTERM; its own limit is 30 s.
const shutdownGraceMs = 35_000;

/** Fails when something listens on 127.0.0.1:port already (most likely another n8n). */
export async function assertPortFree(port: number): Promise<void> {
	const free = await new Promise<boolean>((resolve) => {
		const probe = net.createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
	if (!free)
		throw new Error(
			`Port ${port} on 127.0.0.1 is taken (another n8n?): stop that, or pick a port with N8N_PORT`,
		);
}

export class N8nInstance {
	private server?: ChildProcess;

	constructor(
		readonly install: N8nInstall,
		readonly userFolder: string,
		/** For every command and the server, e.g. the queue-mode stack's queue and database. */
		private readonly sharedEnv: Record<string, string> = {},
	) {}

	get databaseFile(): string {
		return path.join(this.userFolder, '.n8n', 'database.sqlite');
	}

	/** The running server's process id. */
	get pid(): number | undefined {
		return this.server?.pid;
	}

	/** The server's output, rewritten at each start. */
	get logFile(): string {
		return path.join(this.userFolder, 'n8n.log');
	}

	private environment(extra: Record<string, string>): NodeJS.ProcessEnv {
		return n8nEnvironment(this.install, this.userFolder, { ...this.sharedEnv, ...extra });
	}

	/** One n8n import command; n8n skips a bad entry and exits 0, so its count is the verdict. */
	private async importFile(kind: 'credential' | 'workflow', file: string, count: number) {
		const command = kind === 'credential' ? 'import:credentials' : 'import:workflow';
		const result = await runToEnd(
			this.install.runtime.binary,
			[this.install.n8nScript, command, `--input=${file}`],
			{
				env: this.environment({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) }),
				cwd: this.userFolder,
				timeoutMs: commandTimeoutMs,
			},
		);
		const output = result.stdout + result.stderr;
		const imported = new RegExp(`Successfully imported (\\d+) ${kind}`).exec(output);
		if (result.code !== 0 || Number(imported?.[1]) !== count)
			throw new Error(`n8n ${command} failed (exit ${result.code}):\n${tail(output)}`);
	}

	/** Creates the credential, or overwrites the one with its id. The plain key is on disk only meanwhile. */
	async importCredential(credential: CredentialSpec): Promise<void> {
		const file = path.join(this.userFolder, 'credential-import.json');
		fs.writeFileSync(file, JSON.stringify([credential]), { mode: 0o600 });
		try {
			await this.importFile('credential', file, 1);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** Creates the workflows, or overwrites those with their ids. */
	async importWorkflows(workflows: WorkflowJson[]): Promise<void> {
		const file = path.join(this.userFolder, 'workflow-import.json');
		fs.writeFileSync(file, JSON.stringify(workflows));
		try {
			await this.importFile('workflow', file, workflows.length);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** Runs `n8n start` on 127.0.0.1:port (0: any free port) and resolves with its URL once it is ready. */
	async start(port: number, signal?: AbortSignal): Promise<string> {
		const chosen = port || (await freePort());
		await assertPortFree(chosen);
		const env = this.environment({
			N8N_PORT: String(chosen),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		this.server = spawnN8nServer(this.install, {
			env,
			cwd: this.userFolder,
			logFile: this.logFile,
			logFlags: 'w',
		});
		const url = `http://127.0.0.1:${chosen}`;
		try {
			await waitForN8nServer(this.server, url, readyTimeoutMs, signal);
		} catch (error) {
			await this.stop();
			if (!(error instanceof N8nNotReady)) throw error;
			throw new Error(`n8n ${error.message}; end of ${this.logFile}:\n${tail(this.serverLog())}`);
		}
		return url;
	}

	serverLog(): string {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
	}

	/** SIGTERM to n8n's process group (n8n shuts down cleanly), SIGKILL after the grace time. */
	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (server) await killGroup(server, shutdownGraceMs);
	}
}
