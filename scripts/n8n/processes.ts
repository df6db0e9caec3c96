import { spawn, type ChildProcess, type SpawnOptions } from 'child_process';

export interface Finished {
	code: number | null;
	stdout: string;
	stderr: string;
}

const running = new Set<ChildProcess>();

// A detached n8n outlives a test process that ends without stopping it: end them together.
const endAll = () => {
	for (const child of running) signalGroup(child, 'SIGKILL');
};
process.on('exit', endAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.once(signal, () => {
		endAll();
		// Unless someone else handles the signal, it keeps its default effect: ending this process.
		if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
	});
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
	try {
		process.kill(-child.pid!, signal);
	} catch {
		// The group is already gone.
	}
}

/** Starts a command as the leader of a new process group, so it can be ended with its children. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
	const child = spawn(command, args, { ...options, detached: true });
	running.add(child);
	child.once('exit', () => running.delete(child));
	return child;
}

/** The last lines of a long output, to put in an error message. */
export function tail(text: string, lines = 60): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Ends a process started by spawnGroup together with its children (n8n starts a task
 * runner process): the whole process group gets SIGTERM, then SIGKILL after `graceMs`.
 */
export async function killGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	signalGroup(child, 'SIGTERM');
	const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
	// Children that outlived the leader still belong to the group.
	signalGroup(child, 'SIGKILL');
}

/** Runs a command to its end, in its own process group, killed with its children on timeout. */
export async function runToEnd(
	command: string,
	args: string[],
	options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs: number },
): Promise<Finished & { timedOut: boolean }> {
	const child = spawnGroup(command, args, {
		env: options.env,
		cwd: options.cwd,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		void killGroup(child, 2_000);
	}, options.timeoutMs);
	const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (exitCode) => resolve(exitCode));
	});
	clearTimeout(timer);
	// Children the leader left behind would hold its output open: they go too.
	signalGroup(child, 'SIGKILL');
	await closed;
	return { code, stdout, stderr, timedOut };
}
