import * as fs from 'fs';
import { setTimeout as delay } from 'timers/promises';

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The pid in the lock file, 0 while it is being written, undefined once it is gone. */
function readHolder(lockFile: string): number | undefined {
	try {
		return Number(fs.readFileSync(lockFile, 'utf8')) || 0;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

function mtimeMs(file: string): number {
	try {
		return fs.statSync(file).mtimeMs;
	} catch {
		return Date.now();
	}
}

/**
 * Runs `task` while holding a lock file, so that test workers starting together do not run
 * two installs into one folder. A lock left by a process that died is taken over.
 */
export async function withInstallLock<T>(lockFile: string, task: () => Promise<T>): Promise<T> {
	let announced = false;
	for (;;) {
		try {
			fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = readHolder(lockFile);
			if (holder === undefined) continue;
			// An empty file is a lock being written right now, unless it has stayed empty.
			const stale = holder > 0 ? !isAlive(holder) : Date.now() - mtimeMs(lockFile) > 10_000;
			if (stale) {
				fs.rmSync(lockFile, { force: true });
				continue;
			}
			if (!announced) {
				process.stderr.write(`Waiting for the install running in process ${holder} ...\n`);
				announced = true;
			}
			await delay(1000);
		}
	}
	try {
		return await task();
	} finally {
		fs.rmSync(lockFile, { force: true });
	}
}
