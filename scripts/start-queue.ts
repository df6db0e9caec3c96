// npm run start:queue: this package in n8n's queue mode (Redis, Postgres, a main process, two
// workers) against the Segmind emulator, until Ctrl-C or SIGTERM. The work is done by
// startQueueStack() (scripts/queue/queue-stack.ts). QUEUE_WORKERS changes the worker count,
// N8N_PORT the main process's port (default: any free one).
import * as path from 'path';

import { repoRoot } from './n8n/releases';
import { startQueueStack, type QueueStack } from './queue/queue-stack';
import { webhookWorkflow } from './queue/webhook-workflow';
import { serveUntilSignal } from './stack/serve-until-signal';

const demoPath = 'queue-demo';

function numberFromEnv(name: string, fallback: number, least: number): number {
	const text = process.env[name];
	if (!text) return fallback;
	const value = Number(text);
	if (!Number.isInteger(value) || value < least)
		throw new Error(`${name} must be a whole number from ${least}, got "${text}"`);
	return value;
}

function whatRunsWhere(stack: QueueStack, startedIn: string): string {
	const relative = (file: string) => path.relative(repoRoot, file);
	const workers = stack.workers.map(
		(worker, index) =>
			`  worker ${index + 1}:    pid ${worker.pid}, health http://127.0.0.1:${worker.healthPort}/healthz, log ${relative(worker.logFile)}`,
	);
	return [
		'',
		`n8n ${stack.n8nVersion} runs in queue mode:`,
		`  main:        ${stack.url}, pid ${stack.main.pid}, log ${relative(stack.main.logFile)}`,
		...workers,
		`  Redis:       127.0.0.1:${stack.redis.port}, pid ${stack.redis.pid}, log ${relative(stack.redis.logFile)}`,
		`  Postgres:    127.0.0.1:${stack.postgres.port}, pid ${stack.postgres.pid}, log ${relative(stack.postgres.logFile)}`,
		`  Segmind:     the emulator at ${stack.emulator.url} (in this process), credential "${stack.credential.name}"`,
		`  User folder: ${relative(stack.userFolder)} (shared by main and workers; deleted on stop)`,
		`  Log in with: ${stack.login.email} / ${stack.login.password}`,
		'',
		'Try it: one execution, one item per prompt, answered once a worker has run it:',
		`  curl -s -X POST ${stack.webhookUrl(demoPath)} -H 'content-type: application/json' \\`,
		`    -d '{"items":[{"prompt":"Hello"},{"prompt":"Which city is the capital of Portugal?"}]}'`,
		`Started in ${startedIn}. Press Ctrl-C to stop.`,
		'',
	].join('\n');
}

serveUntilSignal({
	command: 'npm run start:queue',
	start: (signal) =>
		startQueueStack({
			workers: numberFromEnv('QUEUE_WORKERS', 2, 1),
			port: numberFromEnv('N8N_PORT', 0, 0),
			workflows: (credential) => [
				webhookWorkflow({ id: demoPath, credential, segmindOptions: { concurrency: 5 } }),
			],
			signal,
		}),
	ready: (stack, startedIn) => console.log(whatRunsWhere(stack, startedIn)),
	stopping: 'n8n (main and workers), Redis, Postgres and the emulator',
});
