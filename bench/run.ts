// `npm run bench`: this node against n8n's HTTP Request node and the bench's floor node in a
// real n8n, against the Segmind emulator with a fixed latency; prints the table and writes it
// to bench/RESULTS.md.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { startEmulator } from '../emulator/server';
import { createSandbox } from '../scripts/n8n/sandbox';
import { parseArgs, usage } from './args';
import { credentialSpecs, emulatorKeys } from './credentials';
import { buildFloorPackage } from './floor/package';
import { renderReport, type Machine } from './report';
import { ROWS } from './rows';
import type { RowReport } from './rows/row';

const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);

async function main() {
	const argv = process.argv.slice(2);
	if (argv.includes('--help')) {
		console.log(usage(ROWS));
		return;
	}
	const args = parseArgs(argv, ROWS);
	const rows = ROWS.filter((row) => args.rows.includes(row.name));
	const command = ['npm run bench', ...(args.given.length > 0 ? ['--', ...args.given] : [])].join(
		' ',
	);
	const loadAtStart = os.loadavg();

	const emulator = await startEmulator({ keys: emulatorKeys() });
	const floorPackage = buildFloorPackage();
	progress('installing n8n if needed and creating a sandbox (build first: npm run build)');
	const sandbox = await createSandbox({
		env: args.expressionEngine ? { N8N_EXPRESSION_ENGINE: args.expressionEngine } : {},
		linkPackages: [floorPackage],
	});
	const reports: RowReport[] = [];
	try {
		await sandbox.importCredentials(credentialSpecs(emulator.url));
		await sandbox.importWorkflows(rows.flatMap((row) => row.workflows(emulator.url)));
		for (const row of rows) {
			reports.push(
				await row.run({ sandbox, emulator, runs: args.runs, short: args.short, progress }),
			);
		}
	} finally {
		await sandbox.dispose();
		await emulator.close();
		fs.rmSync(floorPackage, { recursive: true, force: true });
	}

	const machine: Machine = {
		date: new Date().toISOString(),
		cpus: os.availableParallelism(),
		cpuModel: os.cpus()[0]?.model ?? 'unknown',
		memoryGiB: Math.round(os.totalmem() / 2 ** 30),
		loadAtStart,
		loadAtEnd: os.loadavg(),
		nodeVersion: sandbox.install.runtime.version,
		n8nVersion: sandbox.install.n8nVersion,
		expressionEngine: args.expressionEngine ?? "n8n's default (vm)",
	};
	const report = renderReport(reports, machine, command, args.short);
	const file = path.join(__dirname, 'RESULTS.md');
	fs.writeFileSync(file, report);
	console.log(report);
	progress(`written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
