// What every n8n process started from here shares, whether a test's sandbox or `npm start`'s
// instance: its environment, and how to tell its server is ready.
import * as path from 'path';

import type { N8nInstall } from '../../../scripts/n8n/install';

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
		...install.release.env,
		...extra,
		NODE_OPTIONS: [preload, nodeOptions].filter(Boolean).join(' '),
	};
}

/**
 * Ready once the database is migrated (/healthz/readiness; n8n 2.x also waits there for the
 * whole server) and the REST API answers with JSON, not the "starting up" placeholder.
 */
export async function isN8nReady(url: string): Promise<boolean> {
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
