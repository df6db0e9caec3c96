// Runs the emulator on its own: `npm run emulator`.
// SEGMIND_EMULATOR_PORT (default 4010, 0 for any free port), SEGMIND_EMULATOR_LATENCY_MS (default 0).
import { DEMO_API_KEY, startEmulator, type RequestLogEntry } from './server';

function numberFromEnv(name: string, fallback: number): number {
	const text = process.env[name];
	if (text === undefined || text === '') return fallback;
	const value = Number(text);
	if (!Number.isInteger(value) || value < 0)
		throw new Error(`${name} must be a whole number >= 0, got "${text}"`);
	return value;
}

const describe = (entry: RequestLogEntry) =>
	`${new Date(entry.receivedAt).toISOString()} #${entry.seq} ${entry.method} ${entry.path} key=${entry.keyLabel}`;

async function main() {
	const emulator = await startEmulator({
		port: numberFromEnv('SEGMIND_EMULATOR_PORT', 4010),
		host: '127.0.0.1',
		latencyMs: numberFromEnv('SEGMIND_EMULATOR_LATENCY_MS', 0),
		onRequest: (entry) => console.log(describe(entry)),
	});
	console.log(`Segmind emulator listening on ${emulator.url}`);
	console.log(`Demo API key: ${DEMO_API_KEY}`);
	console.log(
		`Admin: GET ${emulator.url}/__emulator/log, POST ${emulator.url}/__emulator/config, POST ${emulator.url}/__emulator/reset`,
	);

	const stop = (signal: string) => {
		console.log(`${signal}: stopping`);
		emulator.close().then(
			() => process.exit(0),
			(error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	console.error(`Segmind emulator failed to start: ${(error as Error).message}`);
	process.exit(1);
});
