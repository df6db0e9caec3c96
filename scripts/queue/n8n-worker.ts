// One `n8n worker`: takes executions off the Redis queue, up to `concurrency` at once. Its
// health server (on a port of its own, loopback only) says when it is ready.
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';

import { freePort } from '../n8n/free-port';
import { n8nEnvironment, spawnN8nServer } from '../n8n/n8n-environment';
import { killGroup, tail } from '../n8n/processes';
import { waitUntilReady } from '../n8n/wait-until-ready';
import type { N8nInstall } from '../n8n/install';

const readyTimeoutMs = 180_000;
// n8n lets running executions finish on SIGTERM; its own limit is 30 s.
const shutdownGraceMs = 35_000;

export interface WorkerOptions {
	install: N8nInstall;
	userFolder: string;
	/** What every process of the stack shares: queue, database, encryption key. */
	env: Record<string, string>;
	concurrency: number;
	logFile: string;
	signal?: AbortSignal;
}

async function answersReady(url: string): Promise<boolean> {
	try {
		return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
	} catch {
		return false;
	}
}

export class N8nWorker {
	private constructor(
		private readonly child: ChildProcess,
		readonly logFile: string,
		readonly healthPort: number,
	) {}

	get pid(): number {
		return this.child.pid!;
	}

	static async start(options: WorkerOptions): Promise<N8nWorker> {
		const healthPort = await freePort();
		const env = n8nEnvironment(options.install, options.userFolder, {
			...options.env,
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		const child = spawnN8nServer(options.install, {
			env,
			cwd: options.userFolder,
			logFile: options.logFile,
			logFlags: 'w',
			command: ['worker', `--concurrency=${options.concurrency}`],
		});
		const worker = new N8nWorker(child, options.logFile, healthPort);
		const readiness = `http://127.0.0.1:${healthPort}/healthz/readiness`;
		try {
			await waitUntilReady(child, () => answersReady(readiness), readyTimeoutMs, options.signal);
		} catch (error) {
			await worker.stop();
			throw new Error(
				`n8n worker ${(error as Error).message}; end of ${options.logFile}:\n${tail(worker.log())}`,
			);
		}
		return worker;
	}

	/** What the worker has logged so far ("Worker started execution <id> (job <n>)", ...). */
	log(): string {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
	}

	/** SIGTERM to the worker's process group (with its task runner), SIGKILL after the grace time. */
	async stop(): Promise<void> {
		await killGroup(this.child, shutdownGraceMs);
	}
}
