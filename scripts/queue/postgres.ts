// The queue's database: a throw-away Postgres cluster made with Debian's initdb in the stack's
// folder, run as an unprivileged user on a free loopback port, its socket in that folder too.
// The cluster is deleted when the stack stops.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { freePort } from '../n8n/free-port';
import type { Log } from '../stack/steps';
import { ensureDebianPackage } from './debian-package';
import { startServerProcess, type ServerProcess } from './server-process';
import { unprivilegedUser, type RunAs } from './unprivileged-user';

const versionsDir = '/usr/lib/postgresql';
// A throw-away cluster needs no durability; loopback only.
const settings = [
	'listen_addresses=127.0.0.1',
	'fsync=off',
	'synchronous_commit=off',
	'full_page_writes=off',
];

export interface Postgres extends ServerProcess {
	host: string;
	port: number;
	user: string;
	database: string;
	dataDir: string;
}

/** /usr/lib/postgresql/<newest version>/bin, or undefined when Postgres is not installed. */
function binDir(): string | undefined {
	if (!fs.existsSync(versionsDir)) return undefined;
	const newest = fs
		.readdirSync(versionsDir)
		.filter((version) => fs.existsSync(path.join(versionsDir, version, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a))[0];
	return newest && path.join(versionsDir, newest, 'bin');
}

async function run(binary: string, args: string[], runAs?: RunAs): Promise<string> {
	return await new Promise((resolve, reject) => {
		execFile(binary, args, { uid: runAs?.uid, gid: runAs?.gid }, (error, stdout, stderr) => {
			if (error) reject(new Error(`${path.basename(binary)} failed: ${stdout}${stderr}`.trim()));
			else resolve(stdout);
		});
	});
}

/** Postgres wants its folders owned by the user it runs as, the data folder private. */
function makeOwnedDir(dir: string, runAs?: RunAs) {
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	if (runAs) fs.chownSync(dir, runAs.uid, runAs.gid);
}

export async function startPostgres(dir: string, log: Log): Promise<Postgres> {
	await ensureDebianPackage('postgresql', () => binDir() !== undefined, log);
	const bin = binDir()!;
	const runAs = unprivilegedUser();
	const dataDir = path.join(dir, 'data');
	const socketDir = path.join(dir, 'socket');
	const user = 'n8n';
	const database = 'postgres';
	fs.mkdirSync(dir, { recursive: true });
	makeOwnedDir(dataDir, runAs);
	makeOwnedDir(socketDir, runAs);
	try {
		await run(
			path.join(bin, 'initdb'),
			['-D', dataDir, '-U', user, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
			runAs,
		);
	} catch (error) {
		const who = runAs ? ` (as ${runAs.name}: every folder above it must be open to that user)` : '';
		throw new Error(
			`Could not create a Postgres cluster in ${dataDir}${who}: ${(error as Error).message}`,
		);
	}

	const port = await freePort();
	const accepting = () =>
		run(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', user]).then(
			() => true,
			() => false,
		);
	const server = await startServerProcess({
		name: 'postgres',
		command: path.join(bin, 'postgres'),
		args: [
			'-D',
			dataDir,
			'-p',
			String(port),
			'-k',
			socketDir,
			...settings.flatMap((setting) => ['-c', setting]),
		],
		cwd: dataDir,
		logFile: path.join(dir, 'postgres.log'),
		isReady: accepting,
		readyTimeoutMs: 60_000,
		// SIGTERM is Postgres's "smart" shutdown: n8n, its only client, is stopped before it.
		graceMs: 15_000,
		runAs,
	});
	return { host: '127.0.0.1', port, user, database, dataDir, ...server };
}
