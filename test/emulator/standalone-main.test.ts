// main.ts run as its own process: port and latency from the environment, a line per request, clean stop on a signal.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { DEMO_API_KEY } from '../../emulator/server';

// Starting Node with tsx takes seconds on a loaded machine.
jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '../..');

interface Running {
	child: ChildProcessWithoutNullStreams;
	output: () => string;
	/** Whole lines so far: a chunk of output can end mid-line. */
	lines: () => string[];
	exited: Promise<number | null>;
}

/** Starts main.ts in one Node process (no npm or tsx wrapper in between, so signals reach it). */
function run(env: Record<string, string>): Running {
	const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts'], {
		cwd: ROOT,
		env: { ...process.env, ...env },
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	// 'close' rather than 'exit': it comes after the last output has been read.
	const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
	const lines = () => output.split('\n').slice(0, -1);
	return { child, output: () => output, lines, exited };
}

async function until(check: () => string | undefined, what: string): Promise<string> {
	const deadline = Date.now() + 40_000;
	for (;;) {
		const found = check();
		if (found !== undefined) return found;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((done) => setTimeout(done, 50));
	}
}

it.each(['SIGTERM', 'SIGINT'] as const)(
	'serves, logs each request without its key, and stops on %s',
	async (signal) => {
		const emulator = run({ SEGMIND_EMULATOR_PORT: '0', SEGMIND_EMULATOR_LATENCY_MS: '150' });
		try {
			const url = await until(
				() =>
					emulator
						.lines()
						.map((line) => /listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1])
						.find(Boolean),
				'the URL',
			);
			await until(
				() => emulator.lines().find((line) => line === `Demo API key: ${DEMO_API_KEY}`),
				'the demo key line',
			);

			const started = Date.now();
			const reply = await fetch(`${url}/v1/gpt-4o`, {
				method: 'POST',
				headers: { 'x-api-key': DEMO_API_KEY, 'content-type': 'application/json' },
				body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }),
			});
			expect(reply.status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(145);
			await fetch(`${url}/v1/get-user-credits`, {
				headers: { 'x-api-key': 'SG_secret_from_the_test' },
			});

			const lines = await until(() => {
				const requestLines = emulator.lines().filter((line) => / #\d+ /.test(line));
				return requestLines.length === 2 ? requestLines.join('\n') : undefined;
			}, 'two request lines');
			expect(lines).toMatch(/#1 POST \/v1\/gpt-4o key=demo/);
			expect(lines).toMatch(/#2 GET \/v1\/get-user-credits key=unknown/);
			expect(lines).not.toContain(DEMO_API_KEY);
			expect(emulator.output()).not.toContain('SG_secret_from_the_test');

			emulator.child.kill(signal);
			expect(await emulator.exited).toBe(0);
			expect(emulator.output()).toContain(`${signal}: stopping`);
		} finally {
			emulator.child.kill('SIGKILL');
		}
	},
);

it('refuses a port that is not a number', async () => {
	const emulator = run({ SEGMIND_EMULATOR_PORT: 'forty' });
	expect(await emulator.exited).toBe(1);
	expect(emulator.output()).toMatch(/SEGMIND_EMULATOR_PORT must be a whole number/);
});
