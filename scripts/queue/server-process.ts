// Redis and Postgres alike: a server started in a process group of its own, its output in a
// log file, ready when `isReady()` says so; one that does not get ready is stopped, and the
// error quotes the end of its log.
import type { ChildProcess } from 'child_process';
import * as fs from 'fs';

import { killGroup, spawnGroup, tail } from '../n8n/processes';
import { waitUntilReady } from '../n8n/wait-until-ready';

export interface ServerProcessOptions {
	/** For messages, e.g. `redis-server`. */
	name: string;
	command: string;
	args: string[];
	cwd: string;
	logFile: string;
	isReady(): Promise<boolean>;
	readyTimeoutMs: number;
	/** From SIGTERM to SIGKILL when stopping. */
	graceMs: number;
	/** Run as this user (we are root, the server must not be). */
	runAs?: { uid: number; gid: number };
}

export interface ServerProcess {
	pid: number;
	logFile: string;
	stop(): Promise<void>;
}

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
	const output = fs.openSync(options.logFile, 'w');
	let child: ChildProcess;
	try {
		child = spawnGroup(options.command, options.args, {
			cwd: options.cwd,
			uid: options.runAs?.uid,
			gid: options.runAs?.gid,
			stdio: ['ignore', output, output],
		});
	} finally {
		fs.closeSync(output);
	}
	const stop = () => killGroup(child, options.graceMs);
	try {
		await waitUntilReady(child, options.isReady, options.readyTimeoutMs);
	} catch (error) {
		await stop();
		const log = fs.readFileSync(options.logFile, 'utf8');
		throw new Error(`${options.name} ${(error as Error).message}:\n${tail(log)}`);
	}
	return { pid: child.pid!, logFile: options.logFile, stop };
}
