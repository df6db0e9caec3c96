// startQueueStack(): n8n in queue mode, the way users scale it out, on this machine: Redis and
// Postgres (Debian's, installed when missing), n8n's main process and its workers sharing one
// user folder with this package installed, and the Segmind emulator. `npm run start:queue`
// runs it; tests and the bench start it from here.
//
//   const stack = await startQueueStack({
//     workflows: (credential) => [webhookWorkflow({ id: 'my-path', credential })],
//     build: false,
//   });
//   await fireExecutions(stack.webhookUrl('my-path'), bodies);
//   stack.emulator.log;     // every request the workers sent
//   stack.workers[0].log(); // "Worker started execution ..."
//   await stack.stop();     // everything, then the stack's folder; safe to call twice
//
// Everything is throw-away: a folder under .cache/queue/ per stack (database cluster, Redis's
// folder, the user folder, logs), deleted on stop unless `keepFiles`. If anything fails (or
// `signal` aborts), what was started is stopped before the error is thrown.
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import type { WorkflowJson } from '../n8n/sandbox';
import { installPackage } from '../n8n/install-package';
import { startEmulator, type Emulator, type RuntimeOptions } from '../../emulator/server';
import { repoRoot } from '../n8n/releases';
import { buildPackage } from '../stack/build';
import { installN8n } from '../stack/install-n8n';
import { N8nInstance } from '../stack/n8n-instance';
import { ensureOwner, savedLogin, type Login } from '../stack/owner';
import { step, type Log } from '../stack/steps';
import { N8nRest, type CredentialRef } from '../n8n/rest';
import { N8nWorker } from './n8n-worker';
import { startPostgres, type Postgres } from './postgres';
import { startRedis, type Redis } from './redis';
import { sharedPlanCredentialSpec, sharedPlanKeys } from './shared-plan';
import { waitForWebhooks } from './webhooks-served';

export interface QueueStackOptions {
	/** How many `n8n worker` processes. Default 2. */
	workers?: number;
	/** Executions each worker runs at once (`--concurrency`). Default 10, n8n's own. */
	workerConcurrency?: number;
	/** The main process's port on 127.0.0.1; 0 (default) for any free one. */
	port?: number;
	/** The emulator's port on 127.0.0.1; 0 (default) for any free one. */
	emulatorPort?: number;
	/** Emulator settings; its keys default to the shared plan (shared-plan.ts) without a limit. */
	emulator?: Partial<RuntimeOptions>;
	/** Created and published once n8n runs, each under its `id`; given the Segmind credential. */
	workflows?: (credential: CredentialRef) => WorkflowJson[];
	/** Run `npm run build` first (in `packageRoot` when given). Default true. */
	build?: boolean;
	/**
	 * The package installed into n8n: this repository (default), or another built checkout of it
	 * (the bench installs an earlier commit's build to compare against).
	 */
	packageRoot?: string;
	/** Keep the stack's folder (logs, database) after stop(). Default: KEEP_QUEUE_STACK=1. */
	keepFiles?: boolean;
	/** Progress lines. Default: console.log. */
	log?: Log;
	signal?: AbortSignal;
}

export interface QueueProcess {
	pid: number;
	logFile: string;
	/** What it has logged so far. */
	log(): string;
}

export interface QueueStack {
	/** The main process: editor, REST API and webhooks, e.g. http://127.0.0.1:40123 */
	url: string;
	/** Where a published Webhook node with this path listens. */
	webhookUrl(webhookPath: string): string;
	n8nVersion: string;
	/** The editor's owner account. */
	login: Login;
	/** The Segmind credential, for the shared plan's key on the emulator. */
	credential: CredentialRef;
	main: QueueProcess;
	workers: Array<QueueProcess & { healthPort: number }>;
	redis: Redis;
	postgres: Postgres;
	emulator: Emulator;
	/** N8N_USER_FOLDER of every n8n process. */
	userFolder: string;
	/** The stack's folder under .cache/queue/. */
	dir: string;
	stop(): Promise<void>;
}

const queueRoot = path.join(repoRoot, '.cache', 'queue');

/** What every n8n process of the stack shares: queue mode, the queue, the database, the key. */
function sharedEnvironment(redis: Redis, postgres: Postgres): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_DATABASE: postgres.database,
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('base64url'),
		// Runs started in the editor go to the workers too.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

export async function startQueueStack(options: QueueStackOptions = {}): Promise<QueueStack> {
	const log = options.log ?? console.log;
	const { signal } = options;
	const workerCount = options.workers ?? 2;
	const keepFiles = options.keepFiles ?? process.env.KEEP_QUEUE_STACK === '1';

	fs.mkdirSync(queueRoot, { recursive: true });
	const dir = fs.mkdtempSync(path.join(queueRoot, 'stack-'));
	// Private as made; Postgres, run as another user, must pass through to its folder.
	fs.chmodSync(dir, 0o711);
	const userFolder = path.join(dir, 'n8n');
	fs.mkdirSync(userFolder);

	const stops: Array<() => Promise<void>> = [];
	let stopping: Promise<void> | undefined;
	const stop = () =>
		(stopping ??= (async () => {
			for (const stopOne of stops.reverse()) await stopOne();
			if (keepFiles) log(`Queue-mode stack's files kept in ${dir}`);
			else fs.rmSync(dir, { recursive: true, force: true });
		})());

	try {
		if (options.build ?? true)
			await step(log, 'Building the package (npm run build)', () =>
				buildPackage(options.packageRoot),
			);
		signal?.throwIfAborted();
		const install = await installN8n(log);
		signal?.throwIfAborted();

		const emulator = await startEmulator({
			port: options.emulatorPort ?? 0,
			host: '127.0.0.1',
			keys: sharedPlanKeys(),
			...options.emulator,
		});
		stops.push(() => emulator.close());
		// One after the other: two apt-get installs at once would fight over dpkg's lock.
		const redis = await step(log, 'Starting Redis', () => startRedis(path.join(dir, 'redis'), log));
		stops.push(() => redis.stop());
		const postgres = await step(log, 'Starting Postgres (a new cluster)', () =>
			startPostgres(path.join(dir, 'postgres'), log),
		);
		stops.push(() => postgres.stop());
		signal?.throwIfAborted();

		const env = sharedEnvironment(redis, postgres);
		const main = new N8nInstance(install, userFolder, env);
		await step(log, `Installing the package into ${userFolder}`, async () =>
			installPackage(userFolder, options.packageRoot),
		);
		signal?.throwIfAborted();

		// Worker n at index n - 1, whichever is ready first.
		const workers: N8nWorker[] = [];
		stops.push(async () => {
			await Promise.all([main.stop(), ...workers.map((worker) => worker.stop())]);
		});
		const url = await step(
			log,
			`Starting n8n ${install.n8nVersion}: main and ${workerCount} worker(s)`,
			async () => {
				const starting = Array.from({ length: workerCount }, (_, index) =>
					N8nWorker.start({
						install,
						userFolder,
						env,
						concurrency: options.workerConcurrency ?? 10,
						logFile: path.join(dir, `worker-${index + 1}.log`),
						signal,
					}).then((worker) => (workers[index] = worker)),
				);
				// Settled, not all: a worker still starting when another fails must not be missed by stop().
				const [mainStarted, ...workersStarted] = await Promise.allSettled([
					main.start(options.port ?? 0, signal),
					...starting,
				]);
				const failed = [mainStarted, ...workersStarted].find(
					(result) => result.status === 'rejected',
				);
				if (failed) throw failed.reason;
				return (mainStarted as PromiseFulfilledResult<string>).value;
			},
		);
		const login = savedLogin(userFolder);
		await ensureOwner(url, login, log);
		const rest = await N8nRest.logIn(url, login);
		const credential = await rest.createCredential(sharedPlanCredentialSpec(emulator.url));
		const workflows = options.workflows?.(credential) ?? [];
		if (workflows.length)
			await step(log, `Creating and publishing ${workflows.length} workflow(s)`, async () => {
				for (const workflow of workflows) await rest.createAndPublishWorkflow(workflow);
				await waitForWebhooks(url, workflows);
			});
		return {
			url,
			login,
			credential,
			webhookUrl: (webhookPath) => `${url}/webhook/${webhookPath}`,
			n8nVersion: install.n8nVersion,
			main: { pid: main.pid!, logFile: main.logFile, log: () => main.serverLog() },
			workers,
			redis,
			postgres,
			emulator,
			userFolder,
			dir,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
