// npm start: this package in a local n8n with the example workflows, against the Segmind
// emulator (or the real API when SEGMIND_API_KEY is set), until Ctrl-C or SIGTERM.
// The work is done by startDemoStack() (scripts/stack/demo-stack.ts).
import * as path from 'path';

import { repoRoot } from './n8n/releases';
import { startDemoStack } from './stack/demo-stack';
import { serveUntilSignal } from './stack/serve-until-signal';

const relative = (file: string) => path.relative(repoRoot, file);

serveUntilSignal({
	command: 'npm start',
	start: (signal) => startDemoStack({ signal }),
	ready: (stack, startedIn) =>
		console.log(`
n8n is ready: ${stack.url}
  Log in with: ${stack.login.email} / ${stack.login.password}
  Segmind:     ${stack.backend}
  Examples:    in the workflow list, inactive; open one and click "Execute workflow"
  n8n's log:   ${relative(stack.logFile)}
Started in ${startedIn}. Press Ctrl-C to stop.
`),
	stopping: 'n8n and the emulator',
});
