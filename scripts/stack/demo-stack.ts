// startDemoStack(): the n8n that `npm start` opens, for scripts and tests alike.
//
//   const stack = await startDemoStack({ userFolder: someTempDir, port: 0, build: false });
//   stack.url;      // http://127.0.0.1:<port>, the editor
//   stack.login;    // { email, password } of the instance owner
//   stack.backend;  // what the Segmind credential points at, in words (never the key)
//   stack.logFile;  // n8n's output
//   await stack.stop();  // n8n, its task runner and the emulator; safe to call twice
//
// In order: `npm run build`; n8n 2.41.1 installed on first use (minutes); the Segmind emulator
// on 127.0.0.1 (port 4010 or the next free one) unless an API key is given; the package put
// into the user folder as n8n installs a community package; the credential (id
// segmindEmulator1, the one the examples name) created or overwritten; the examples imported;
// `n8n start`; the owner account set up. The user folder is kept: workflows made in the editor
// survive a restart, and an example is imported again only when its file changed.
// If anything fails (or `signal` aborts), what was started is stopped before the error is thrown.
import * as fs from 'fs';
import * as path from 'path';

import { installPackage } from '../n8n/install-package';
import { repoRoot } from '../n8n/releases';
import { openBackend } from './backend';
import { buildPackage } from './build';
import { examplesToImport, recordImported } from './example-imports';
import { examplesDir, readExamples } from './examples';
import { installN8n } from './install-n8n';
import { assertPortFree, N8nInstance } from './n8n-instance';
import { ensureOwner, savedLogin, type Login } from './owner';
import { step, type Log } from './steps';

export interface DemoStackOptions {
	/** n8n's user folder, kept between runs. Default: .cache/start */
	userFolder?: string;
	/** The editor's port on 127.0.0.1, 0 for any free one. Default: N8N_PORT, else 5678. */
	port?: number;
	/**
	 * A real Segmind API key; without one the local emulator answers. Default: SEGMIND_API_KEY
	 * ('' picks the emulator whatever the environment says).
	 */
	apiKey?: string;
	/** The workflows to import. Default: examples/ */
	examplesDir?: string;
	/** Run `npm run build` first. Default: true. */
	build?: boolean;
	/** Progress lines. Default: console.log. */
	log?: Log;
	signal?: AbortSignal;
}

export interface DemoStack {
	url: string;
	login: Login;
	backend: string;
	logFile: string;
	stop(): Promise<void>;
}

export const defaultUserFolder = path.join(repoRoot, '.cache', 'start');

function defaultPort(): number {
	const text = process.env.N8N_PORT;
	if (!text) return 5678;
	const port = Number(text);
	if (!Number.isInteger(port) || port < 0 || port > 65535)
		throw new Error(`N8N_PORT must be a port number, got "${text}"`);
	return port;
}

/** n8n loads the freshly built package; files of an older build must not linger. */
function putPackage(userFolder: string) {
	fs.rmSync(path.join(userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-segmind'), {
		recursive: true,
		force: true,
	});
	installPackage(userFolder);
}

export async function startDemoStack(options: DemoStackOptions = {}): Promise<DemoStack> {
	const log = options.log ?? console.log;
	const { signal } = options;
	const userFolder = path.resolve(options.userFolder ?? defaultUserFolder);
	const port = options.port ?? defaultPort();
	const apiKey = options.apiKey ?? process.env.SEGMIND_API_KEY;

	const stops: Array<() => Promise<void>> = [];
	let stopping: Promise<void> | undefined;
	const stop = () =>
		(stopping ??= (async () => {
			for (const stopOne of stops.reverse()) await stopOne();
		})());

	try {
		// Before anything else: a second `npm start` must not touch the running one's folder.
		if (port) await assertPortFree(port);
		if (options.build ?? true)
			await step(log, 'Building the package (npm run build)', buildPackage);
		signal?.throwIfAborted();
		const install = await installN8n(log);
		signal?.throwIfAborted();

		const backend = await openBackend({
			apiKey,
			emulatorPort: 4010,
			onEmulatorRequest: (line) => log(`emulator: ${line}`),
		});
		stops.push(() => backend.close());

		fs.mkdirSync(userFolder, { recursive: true });
		const n8n = new N8nInstance(install, userFolder);
		const examples = readExamples(options.examplesDir ?? examplesDir);
		// Asked before any import: the first one creates the database.
		const pending = examplesToImport(userFolder, n8n.databaseFile, examples);

		await step(log, `Installing the package into ${userFolder}`, async () =>
			putPackage(userFolder),
		);
		await step(log, 'Importing the Segmind credential', () =>
			n8n.importCredential(backend.credential),
		);
		signal?.throwIfAborted();
		if (pending.length) {
			await step(log, `Importing ${pending.length} of ${examples.length} example workflows`, () =>
				n8n.importWorkflows(pending.map((example) => example.workflow)),
			);
			recordImported(userFolder, n8n.databaseFile, pending);
		} else {
			log(`The ${examples.length} example workflows are already there (unchanged).`);
		}
		signal?.throwIfAborted();

		stops.push(() => n8n.stop());
		const url = await step(log, `Starting n8n ${install.n8nVersion}`, () =>
			n8n.start(port, signal),
		);
		const login = savedLogin(userFolder);
		await ensureOwner(url, login, log);
		return { url, login, backend: backend.description, logFile: n8n.logFile, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
