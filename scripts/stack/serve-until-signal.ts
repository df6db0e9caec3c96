// What `npm start` and `npm run start:queue` share: start a stack, say what runs where, keep it
// until Ctrl-C, SIGTERM or SIGHUP, then stop it; the process exits 1 with the message if
// starting fails.
import { seconds } from './steps';

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface ServeOptions<Stack extends { stop(): Promise<void> }> {
	/** For the failure message, e.g. `npm start`. */
	command: string;
	start(signal: AbortSignal): Promise<Stack>;
	/** Prints what runs where; `startedIn` reads e.g. "31.2 s". */
	ready(stack: Stack, startedIn: string): void;
	/** What stop() ends, for the line printed on a signal. */
	stopping: string;
}

async function serve<Stack extends { stop(): Promise<void> }>(
	options: ServeOptions<Stack>,
): Promise<void> {
	const started = Date.now();
	const abort = new AbortController();
	// Later signals change nothing: tsx may pass on one the process group already delivered.
	const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
		for (const signal of signals) process.on(signal, () => resolve(signal));
	});
	void stopRequested.then(() => abort.abort());

	let stack;
	try {
		stack = await options.start(abort.signal);
	} catch (error) {
		if (!abort.signal.aborted) throw error;
		console.log('Stopped before everything was ready.');
		return;
	}
	options.ready(stack, seconds(started));

	const signal = await stopRequested;
	console.log(`\n${signal}: stopping ${options.stopping}...`);
	await stack.stop();
	console.log('Stopped.');
}

export function serveUntilSignal<Stack extends { stop(): Promise<void> }>(
	options: ServeOptions<Stack>,
): void {
	serve(options).then(
		() => process.exit(0),
		(error: Error) => {
			console.error(`\n${options.command} failed: ${error.message}`);
			process.exit(1);
		},
	);
}
