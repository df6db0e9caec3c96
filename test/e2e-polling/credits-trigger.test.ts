// The Segmind Trigger in a running n8n, 2.41.1 and 1.123.81 side by side (one wait for both):
// example 13 saved and activated through the REST API, as the editor does, polling every minute
// (n8n refuses shorter poll times) while the emulator walks each line's balance: above the
// threshold when activated, then below (an alert), still below (none), above (none) and below
// again (a second alert). Four scheduled polls: about four minutes in all.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { defaultOptions } from '../../emulator/config';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { N8nLine } from '../../scripts/n8n/releases';
import { createSandbox, type N8nSandbox, type WorkflowJson } from '../../scripts/n8n/sandbox';
import { loadExample } from '../e2e/example-workflows';
import { N8nRest, type CredentialRef, type ExecutionSummary } from '../../scripts/n8n/rest';

const lines: N8nLine[] = ['v2', 'v1'];
const versions: Record<N8nLine, string> = { v2: '2.41.1', v1: '1.123.81' };

const triggerName = 'Credits below 5';
const writerName = 'Append to the alert log';
const staticKey = `node:${triggerName}`;

const apiKey = (line: N8nLine) => `SG_trigger_e2e_${line}_key`;
const label = (line: N8nLine) => `trigger-${line}`;
const tooOftenKey = (line: N8nLine) => `SG_trigger_e2e_${line}_too_often_key`;

/** What each scheduled poll reads, set right after the poll before it; 500 at activation. */
const steps = [
	{ credits: 4, freeCredits: 0.5, fires: true, what: 'drops below 5' },
	{ credits: 2, freeCredits: 0, fires: false, what: 'stays below' },
	{ credits: 40, freeCredits: 0, fires: false, what: 'rises above' },
	{ credits: 1, freeCredits: 0.25, fires: true, what: 'drops below again' },
];
const startingBalance = 500;

// The first scheduled poll comes within a minute of activation, at a second n8n picks at random.
const pollWaitMs = 80_000;

interface LineReport {
	refusal: string;
	/** The alert log's lines, one per execution the trigger started. */
	alerts: string[];
	executions: ExecutionSummary[];
	/** The node's static data as n8n had stored it after activation and after each poll. */
	stored: unknown[];
	/** For each scheduled poll: whether its read came after the balance it was meant to see. */
	readsAfterTheirBalance: boolean[];
	seconds: number;
}

let emulator: Emulator;
let alertsDir: string;
const sandboxes: N8nSandbox[] = [];
const reports = new Map<N8nLine, LineReport>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const started = Date.now();
	while (!check()) {
		if (Date.now() - started > timeoutMs) throw new Error(`Waited ${timeoutMs} ms for ${what}`);
		await sleep(200);
	}
}

/** Example 13 as a user imports it, with their credential and a file path n8n may write to. */
function example13(credential: CredentialRef, alertFile: string, line: N8nLine): WorkflowJson {
	const example = loadExample('creditsRunLow');
	const trigger = example.nodes.find((node) => node.name === triggerName)!;
	expect(trigger.parameters.pollTimes).toEqual({ item: [{ mode: 'everyMinute' }] });
	trigger.credentials = { segmindApi: credential };
	const writer = example.nodes.find((node) => node.name === writerName)!;
	writer.parameters.fileName = alertFile;
	return { ...example, id: `segmindTrigger${line.toUpperCase()}` };
}

/** The same trigger asked to poll every second. */
function everySecond(credential: CredentialRef, line: N8nLine): WorkflowJson {
	return {
		id: `segmindTooOften${line.toUpperCase()}`,
		name: 'Segmind Trigger every second',
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'too-often',
				name: 'Every second',
				type: 'n8n-nodes-segmind.segmindTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					pollTimes: { item: [{ mode: 'custom', cronExpression: '* * * * * *' }] },
					threshold: 5,
				},
				credentials: { segmindApi: credential },
			},
		],
		connections: {},
	};
}

const alertLines = (file: string) =>
	fs.existsSync(file)
		? fs
				.readFileSync(file, 'utf8')
				.split('\n')
				.filter((text) => text !== '')
		: [];

async function runLine(line: N8nLine): Promise<LineReport> {
	const started = Date.now();
	const sandbox = await createSandbox({
		line,
		// n8n 2.x writes files only under N8N_RESTRICT_FILE_ACCESS_TO (~/.n8n-files by default).
		env: { N8N_RESTRICT_FILE_ACCESS_TO: alertsDir },
	});
	sandboxes.push(sandbox);
	await sandbox.start();
	const rest = await N8nRest.of(sandbox);
	const credentialOf = async (key: string) =>
		await rest.createCredential({
			name: `Segmind (${key})`,
			type: 'segmindApi',
			data: { apiKey: key, baseUrl: emulator.url },
		});
	const credential = await credentialOf(apiKey(line));

	// Meanwhile, on a key of its own (n8n 1.x polls once before it refuses).
	const refusal = credentialOf(tooOftenKey(line))
		.then(async (own) => {
			const tooOften = await rest.createWorkflow(everySecond(own, line));
			return await rest.activationFailure(tooOften);
		})
		.catch((error: Error) => `(no refusal: ${error.message})`);

	const alertFile = path.join(alertsDir, `alerts-${line}.log`);
	const workflow = await rest.createWorkflow(example13(credential, alertFile, line));
	const reads = () =>
		emulator.log.filter(
			(entry) =>
				entry.kind === 'credits' && entry.keyLabel === label(line) && entry.outcome === 'answered',
		);
	const before = reads().length;
	await rest.activate(workflow);
	// The poll n8n runs at activation: 500 credits, nothing to report.
	await waitFor(() => reads().length > before, 90_000, `the activation poll in n8n ${line}`);
	// n8n stores the static data once the activation is done, a moment after that poll.
	let afterActivation: unknown;
	for (
		const started = Date.now();
		afterActivation === undefined && Date.now() - started < 15_000;

	) {
		await sleep(500);
		afterActivation = (await rest.storedStaticData(workflow.id))[staticKey];
	}
	const stored: unknown[] = [afterActivation];

	const readsAfterTheirBalance: boolean[] = [];
	for (const [index, step] of steps.entries()) {
		emulator.setBalance({
			label: label(line),
			credits: step.credits,
			freeCredits: step.freeCredits,
		});
		const setAt = Date.now();
		const pollNumber = before + 2 + index;
		await waitFor(
			() => reads().length >= pollNumber,
			pollWaitMs,
			`poll ${index + 1} in n8n ${line}`,
		);
		readsAfterTheirBalance.push(reads()[pollNumber - 1].receivedAt >= setAt);
		const alertsSoFar = steps.slice(0, index + 1).filter((earlier) => earlier.fires).length;
		if (step.fires) {
			await waitFor(
				() => alertLines(alertFile).length >= alertsSoFar,
				30_000,
				`alert ${alertsSoFar} in n8n ${line}`,
			);
		}
		stored.push((await rest.storedStaticData(workflow.id))[staticKey]);
	}
	// Anything the last poll started has ended by now.
	await sleep(3_000);
	const executions = await rest.executions(workflow.id);
	await rest.deactivate(workflow.id);
	return {
		refusal: await refusal,
		alerts: alertLines(alertFile),
		executions,
		stored,
		readsAfterTheirBalance,
		seconds: Math.round((Date.now() - started) / 1000),
	};
}

beforeAll(async () => {
	alertsDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'segmind-alerts-')));
	const defaults = defaultOptions();
	const keys = { ...defaults.keys };
	for (const line of lines) {
		keys[apiKey(line)] = { credits: startingBalance, label: label(line) };
		keys[tooOftenKey(line)] = { credits: startingBalance, label: `too-often-${line}` };
	}
	emulator = await startEmulator({ ...defaults, keys });
	const results = await Promise.allSettled(lines.map((line) => runLine(line)));
	results.forEach((result, index) => {
		if (result.status === 'fulfilled') reports.set(lines[index], result.value);
		else process.stderr.write(`n8n ${lines[index]}: ${(result.reason as Error).stack}\n`);
	});
	process.stderr.write(
		`Segmind Trigger e2e: ${lines.map((line) => `n8n ${versions[line]} ${reports.get(line)?.seconds ?? '-'} s`).join(', ')}\n`,
	);
}, 900_000);

afterAll(async () => {
	await Promise.all(sandboxes.map(async (sandbox) => await sandbox.dispose()));
	await emulator?.close();
	if (alertsDir) fs.rmSync(alertsDir, { recursive: true, force: true });
});

const report = (line: N8nLine): LineReport => {
	const found = reports.get(line);
	if (!found) throw new Error(`n8n ${line} did not finish its run (its error is printed above)`);
	return found;
};

describe.each(lines)('n8n %s', (line) => {
	test('refuses a poll time under a minute', () => {
		expect(report(line).refusal).toContain(
			'The polling interval is too short. It has to be at least a minute.',
		);
	});

	test('activated, the trigger fires once when the balance drops, not while it stays below, and again after it rose and dropped', () => {
		const { alerts, executions, readsAfterTheirBalance } = report(line);
		// Each scheduled poll read the balance set for it.
		expect(readsAfterTheirBalance).toEqual([true, true, true, true]);
		// Two alerts: polls 1 (4.5) and 4 (1.25); poll 2 (2, still below) and 3 (40) started nothing.
		expect(alerts.map((text) => text.replace(/^\S+ /, ''))).toEqual([
			'Segmind balance 4.5 is below 5 credits (credits plus free credits)',
			'Segmind balance 1.25 is below 5 credits (credits plus free credits)',
		]);
		expect(executions).toHaveLength(2);
		expect(executions.map(({ mode, status }) => ({ mode, status }))).toEqual([
			{ mode: 'trigger', status: 'success' },
			{ mode: 'trigger', status: 'success' },
		]);
	});

	test('n8n stores the state when the trigger emits; a rise seen by a poll that emits nothing waits for the next save', () => {
		const below = { threshold: 5, watching: 'total', belowThreshold: true };
		const above = { ...below, belowThreshold: false };
		expect(report(line).stored).toEqual([
			// Saved when activation ended (the activation poll's verdict).
			above,
			// Saved as the first alert was emitted.
			below,
			below,
			// The rise lives in the running workflow (poll 4 fired), not yet in the database.
			below,
			below,
		]);
	});
});
