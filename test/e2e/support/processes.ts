import { spawn, type ChildProcess } from 'child_process';

export interface Finished {
	code: number | null;
	stdout: string;
	stderr: string;
}

/** The last lines of a long output, to put in an error message. */
export function tail(text: string, lines = 60): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Ends a process started with `detached: true` together with its children (n8n starts a task
 * runner process): the whole process group gets SIGTERM, then SIGKILL after `graceMs`.
 */
export async function killGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const signal = (name: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, name);
		} catch {
			// The group is already gone.
		}
	};
	signal('SIGTERM');
	const timer = setTimeout(() => signal('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
	// Children that outlived the leader still belong to the group.
	signal('SIGKILL');
}

/** Runs a command to its end, in its own process group, killed with its children on timeout. */
export async function runToEnd(
	command: string,
	args: string[],
	options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs: number },
): Promise<Finished & { timedOut: boolean }> {
	const child = spawn(command, args, {
		env: options.env,
		cwd: options.cwd,
		detached: true,
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
	try {
		process.kill(-child.pid!, 'SIGKILL');
	} catch {
		// Nothing left.
	}
	await closed;
	return { code, stdout, stderr, timedOut };
}
