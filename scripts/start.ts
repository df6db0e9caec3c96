// npm start: this package in a local n8n with the example workflows, against the Segmind
// emulator (or the real API when SEGMIND_API_KEY is set), until Ctrl-C or SIGTERM.
// The work is done by startDemoStack() (scripts/stack/demo-stack.ts).
import * as path from 'path';

import { repoRoot } from './n8n/releases';
import { startDemoStack } from './stack/demo-stack';
import { seconds } from './stack/steps';

const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

async function main(): Promise<void> {
	const started = Date.now();
	const abort = new AbortController();
	// Later signals change nothing: tsx may pass on one the process group already delivered.
	const stopRequested = new Promise<NodeJS.Signals>((resolve) => {
		for (const signal of signals) process.on(signal, () => resolve(signal));
	});
	void stopRequested.then(() => abort.abort());

	let stack;
	try {
		stack = await startDemoStack({ signal: abort.signal });
	} catch (error) {
		if (!abort.signal.aborted) throw error;
		console.log('Stopped before n8n was ready.');
		return;
	}

	const relative = (file: string) => path.relative(repoRoot, file);
	console.log(`
n8n is ready: ${stack.url}
  Log in with: ${stack.login.email} / ${stack.login.password}
  Segmind:     ${stack.backend}
  Examples:    in the workflow list, inactive; open one and click "Execute workflow"
  n8n's log:   ${relative(stack.logFile)}
Started in ${seconds(started)}. Press Ctrl-C to stop.
`);

	const signal = await stopRequested;
	console.log(`\n${signal}: stopping n8n and the emulator...`);
	await stack.stop();
	console.log('Stopped.');
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(`\nnpm start failed: ${error.message}`);
		process.exit(1);
	},
);
