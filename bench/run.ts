// `npm run bench`: this node against n8n's HTTP Request node in a real n8n, against the Segmind
// emulator with a fixed latency; prints the table and writes it to bench/RESULTS.md.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { startEmulator } from '../emulator/server';
import { createSandbox } from '../scripts/n8n/sandbox';
import { parseArgs, USAGE } from './args';
import { renderReport, type Machine, type Results } from './report';
import {
	COMPARISONS,
	credentialSpecs,
	PACING,
	emulatorKeys,
	runComparison,
	runMemory,
	runOverheadProfile,
	runPacing,
	workflowsFor,
} from './scenarios';

const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);

async function main() {
	const argv = process.argv.slice(2);
	if (argv.includes('--help')) {
		console.log(USAGE);
		return;
	}
	const args = parseArgs(argv);
	const command = ['npm run bench', ...(args.given.length > 0 ? ['--', ...args.given] : [])].join(
		' ',
	);
	const loadAtStart = os.loadavg();

	const emulator = await startEmulator({ keys: emulatorKeys() });
	progress('installing n8n if needed and creating a sandbox (build first: npm run build)');
	const sandbox = await createSandbox({
		env: args.expressionEngine ? { N8N_EXPRESSION_ENGINE: args.expressionEngine } : {},
	});
	const results: Results = { comparisons: [] };
	try {
		await sandbox.importCredentials(credentialSpecs(emulator.url));
		await sandbox.importWorkflows(workflowsFor(args.rows, emulator.url));

		for (const row of COMPARISONS.filter(({ name }) => args.rows.includes(name))) {
			const runs = [];
			for (let run = 0; run < args.runs; run++) {
				const measured = await runComparison(sandbox, emulator, row, run);
				progress(
					`${row.name} run ${run + 1}/${args.runs}: this node ${measured.segmindMs} ms, HTTP Request ${measured.httpMs} ms (${measured.first} first)`,
				);
				runs.push(measured);
			}
			results.comparisons.push({ row, runs });
		}
		if (args.rows.includes('overhead')) {
			results.overheadProfile = await runOverheadProfile(sandbox, emulator);
			const { breakdown } = results.overheadProfile;
			progress(
				`overhead, profiled run: ${Math.round(breakdown.busyMs)} ms of CPU while the node ran`,
			);
		}
		if (args.rows.includes('memory')) {
			const segmind = await runMemory(sandbox, emulator, 'segmind');
			progress(`memory, this node: peak ${Math.round(segmind.peakTreeRssBytes / 2 ** 20)} MiB`);
			const http = await runMemory(sandbox, emulator, 'http');
			progress(`memory, HTTP Request: peak ${Math.round(http.peakTreeRssBytes / 2 ** 20)} MiB`);
			results.memory = { segmind, http };
		}
		if (args.rows.includes('pacing')) {
			progress(
				`pacing: ${PACING.items} requests at ${PACING.requestsPerMinute} a minute, about ${PACING.spanMs / 60_000} minutes`,
			);
			results.pacing = await runPacing(sandbox, emulator);
		}
	} finally {
		await sandbox.dispose();
		await emulator.close();
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
	const report = renderReport(results, machine, command);
	const file = path.join(__dirname, 'RESULTS.md');
	fs.writeFileSync(file, report);
	console.log(report);
	progress(`written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	process.exit(1);
});
