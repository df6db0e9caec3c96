// What every n8n process started from here shares, whether a test's sandbox or `npm start`'s
// instance: its environment, how its server is started, and how to tell it is ready.
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import type { N8nInstall } from './install';
import { spawnGroup } from './processes';
import { waitUntilReady } from './wait-until-ready';

const preload = `--require ${path.join(__dirname, 'blocking-stdout.cjs')}`;

/** `env` with `options` added to its NODE_OPTIONS. */
export const withNodeOptions = (env: NodeJS.ProcessEnv, options: string | undefined) =>
	options ? { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, options].filter(Boolean).join(' ') } : env;

/**
 * The environment of an n8n process keeping its data in `userFolder`. The caller's N8N_*
 * settings stay out, and NODE_ENV too (jest's `test` stops n8n loading nodes). `extra` may add
 * NODE_OPTIONS to those every n8n process gets.
 */
export function n8nEnvironment(
	install: N8nInstall,
	userFolder: string,
	{ NODE_OPTIONS: nodeOptions, ...extra }: Record<string, string>,
): NodeJS.ProcessEnv {
	const { NODE_OPTIONS: releaseOptions, ...releaseEnv } = install.release.env;
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !key.startsWith('N8N_') && key !== 'NODE_ENV'),
	);
	return {
		...inherited,
		PATH: `${path.dirname(install.runtime.binary)}${path.delimiter}${process.env.PATH ?? ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		// The editor is reached over plain http on loopback.
		N8N_SECURE_COOKIE: 'false',
		// `n8n execute` prints the run's JSON through the info logger.
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		...releaseEnv,
		...extra,
		NODE_OPTIONS: [preload, releaseOptions, nodeOptions].filter(Boolean).join(' '),
	};
}

/**
 * Ready once the database is migrated (/healthz/readiness; n8n 2.x also waits there for the
 * whole server) and the REST API answers with JSON, not the "starting up" placeholder.
 */
async function isN8nReady(url: string): Promise<boolean> {
	try {
		const signal = AbortSignal.timeout(2_000);
		const readiness = await fetch(`${url}/healthz/readiness`, { signal });
		if (!readiness.ok) return false;
		const settings = await fetch(`${url}/rest/settings`, { signal });
		return settings.ok && (settings.headers.get('content-type') ?? '').includes('json');
	} catch {
		return false;
	}
}

/**
 * Spawns `n8n start` (or `command`, e.g. `worker --concurrency=5`) in a process group of its
 * own, so that stopping it ends its task runner too (and spawnGroup ends it should this process
 * exit first); its output goes to `logFile`.
 */
export function spawnN8nServer(
	install: N8nInstall,
	{
		env,
		cwd,
		logFile,
		logFlags,
		command = ['start'],
	}: {
		env: NodeJS.ProcessEnv;
		cwd: string;
		logFile: string;
		logFlags: 'a' | 'w';
		command?: string[];
	},
): ChildProcess {
	const log = fs.openSync(logFile, logFlags);
	try {
		return spawnGroup(install.runtime.binary, [install.n8nScript, ...command], {
			env,
			cwd,
			stdio: ['ignore', log, log],
		});
	} finally {
		fs.closeSync(log);
	}
}

export { ProcessNotReady as N8nNotReady } from './wait-until-ready';

/**
 * Resolves once the server at `url` is ready; rejects with N8nNotReady when its process exits
 * first or `timeoutMs` passes, and with the signal's reason when it aborts.
 */
export async function waitForN8nServer(
	child: ChildProcess,
	url: string,
	timeoutMs: number,
	signal?: AbortSignal,
): Promise<void> {
	await waitUntilReady(child, () => isN8nReady(url), timeoutMs, signal);
}
