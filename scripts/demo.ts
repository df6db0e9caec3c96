// npm run demo: example 1 run headless in a real n8n (a fresh sandbox, `n8n execute`) against
// the Segmind emulator, or the real API when SEGMIND_API_KEY is set, shown as a table.
import * as path from 'path';

import { demoRows, type DemoRow } from './demo/rows';
import { clip, formatTable } from './demo/table';
import { createSandbox } from './n8n/sandbox';
import { openBackend } from './stack/backend';
import { buildPackage } from './stack/build';
import { examplesDir, readExamples } from './stack/examples';
import { installN8n } from './stack/install-n8n';
import { seconds, step } from './stack/steps';

const exampleFile = '1-scheduled-question-with-status-switch.json';

const log = (line: string) => console.log(line);

function table(rows: DemoRow[]): string {
	return formatTable(
		['#', 'reply', 'status', 'remaining credits', 'Switch branch'],
		rows.map((row, index) => [
			String(index + 1),
			clip(row.reply ?? '(none)', 60),
			row.status,
			row.remainingCredits === null ? 'unknown' : String(row.remainingCredits),
			row.branch ?? '(none)',
		]),
	);
}

async function main(): Promise<void> {
	const started = Date.now();
	const example = readExamples().find((candidate) => path.basename(candidate.file) === exampleFile);
	if (!example) throw new Error(`${path.join(examplesDir, exampleFile)} is missing`);
	const { workflow } = example;

	await step(log, 'Building the package (npm run build)', buildPackage);
	const install = await installN8n(log);
	const backend = await openBackend({ apiKey: process.env.SEGMIND_API_KEY, emulatorPort: 0 });
	try {
		const run = await step(
			log,
			`Running example 1 in a fresh n8n ${install.n8nVersion}`,
			async () => {
				const sandbox = await createSandbox({ line: install.release.line });
				try {
					await sandbox.importCredential(backend.credential);
					await sandbox.importWorkflow(workflow);
					return await sandbox.execute(workflow.id);
				} finally {
					await sandbox.dispose();
				}
			},
		);
		const rows = demoRows(run, workflow);
		console.log(`\n"${workflow.name}", against ${backend.description}:\n`);
		console.log(table(rows));
		console.log(`\n${rows.length} item(s) in ${seconds(started)}.`);
		const failed = rows.filter((row) => !row.success);
		if (failed.length)
			throw new Error(
				`${failed.length} of ${rows.length} Segmind request(s) failed: ` +
					failed.map((row) => `${row.statusMessage} [${row.status}]`).join('; '),
			);
	} finally {
		await backend.close();
	}
}

main().then(
	() => process.exit(0),
	(error: Error) => {
		console.error(`\nThe demo failed: ${error.message}`);
		process.exit(1);
	},
);
