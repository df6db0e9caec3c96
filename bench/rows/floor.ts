// The floor row: this node against the bench's floor node (the least a node sending the same
// requests through n8n's helper must do), at L = 0 where nothing but that work counts; the HTTP
// Request node runs last for scale. One more run under V8's CPU profiler splits this node's time.
import * as fs from 'fs';
import * as path from 'path';

import { nodeExecutionTime } from '../../scripts/n8n/sandbox';
import {
	branchOf,
	comparisonWorkflows,
	expectSuccess,
	LONG_RUN_MS,
	medianOf,
	mostInFlight,
	runComparison,
	SPEC_COLUMNS,
	specCells,
	workflowId,
	type ComparisonRun,
	type ComparisonSpec,
} from '../comparison';
import { nodeCpuBreakdown, OWN_CODE, type CpuBreakdown, type CpuShare } from '../cpuProfile';
import { list, ms, perItem, ratio } from '../format';
import { benchWorkflow, SEGMIND_NODE } from '../workflow';
import { atMost, defineRow, type RowContext } from './row';

type Contender = 'segmind' | 'floor' | 'http';

// The HTTP Request node without batching: with interval 0 it would never sleep anyway.
const SPEC: ComparisonSpec<Contender> = {
	name: 'floor',
	items: 1000,
	concurrency: 10,
	latencyMs: 0,
	// This node and the floor node go first in turn; the HTTP Request node is only the scale.
	orders: [
		['segmind', 'floor', 'http'],
		['floor', 'segmind', 'http'],
	],
};

const TARGET = { toFloor: 1.1, ownCodeMsPerItem: 0.1 };
const PROFILE_WORKFLOW = workflowId('floor', 'P');

interface ProfiledRun {
	executionMs: number;
	breakdown: CpuBreakdown;
}

interface FloorResult {
	runs: Array<ComparisonRun<Contender>>;
	profile: ProfiledRun;
}

/** This node alone, once, with n8n under the CPU profiler (slower, so not timed with the rest). */
async function profileThisNode({ sandbox, emulator }: RowContext): Promise<ProfiledRun> {
	const folder = path.join(sandbox.root, 'cpu-profiles');
	fs.rmSync(folder, { recursive: true, force: true });
	emulator.configure({ latencyMs: SPEC.latencyMs });
	emulator.reset();
	const run = await sandbox.execute(PROFILE_WORKFLOW, {
		timeoutMs: LONG_RUN_MS,
		env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${folder}` },
	});
	expectSuccess(run, SEGMIND_NODE, SPEC.items);
	// Every n8n process writes a profile (the task runner too): the one that ran the node counts,
	// and the others (megabytes of JSON each) are not read once it is found.
	for (const file of fs.readdirSync(folder)) {
		const breakdown = nodeCpuBreakdown(path.join(folder, file));
		if (breakdown) return { executionMs: nodeExecutionTime(run, SEGMIND_NODE), breakdown };
	}
	throw new Error(`No CPU profile in ${folder} shows ${SEGMIND_NODE} running`);
}

const COLUMNS = [
	...SPEC_COLUMNS,
	'this node (ms)',
	'floor node (ms)',
	'HTTP Request (ms)',
	'this / floor',
	'HTTP / floor',
	'per item (ms), this / floor / HTTP',
	'n8n CPU per item (ms), this / floor / HTTP',
	'max in flight, this / floor / HTTP',
];

const NAMES: Record<Contender, string> = {
	segmind: 'this node',
	floor: 'floor node',
	http: 'HTTP Request',
};

export const floor = defineRow<FloorResult>({
	name: 'floor',
	summary: `N = ${SPEC.items}, c = ${SPEC.concurrency}, L = 0: this node against the floor node, and its own code from a CPU profile`,
	workflows: (emulatorUrl) => [
		...comparisonWorkflows(SPEC, emulatorUrl),
		benchWorkflow({
			id: PROFILE_WORKFLOW,
			name: 'Bench floor, this node under the profiler',
			items: SPEC.items,
			emulatorUrl,
			branches: [branchOf('segmind', SPEC)],
		}),
	],
	measure: async (context) => {
		const runs = await runComparison(context, SPEC);
		const profile = await profileThisNode(context);
		context.progress(
			`floor, profiled run: ${Math.round(profile.breakdown.busyMs)} ms of CPU while the node ran`,
		);
		return { runs, profile };
	},
	render: ({ runs, profile }) => {
		const contenders: Contender[] = ['segmind', 'floor', 'http'];
		const time = (contender: Contender) => medianOf(runs, contender, (m) => m.executionMs);
		const each = (pick: (contender: Contender) => string) => contenders.map(pick).join(' / ');
		const cpu = (contender: Contender) =>
			perItem(
				medianOf(runs, contender, (m) => m.cpuMs),
				SPEC.items,
			);
		const [segmind, floorMs, http] = contenders.map(time);
		const { executionMs, breakdown } = profile;
		const profiled = (value: number) => `${(value / SPEC.items).toFixed(3)} ms`;
		const own = breakdown.shares.find(({ name }) => name === OWN_CODE) as CpuShare;
		return {
			table: {
				columns: COLUMNS,
				cells: [
					...specCells(SPEC),
					ms(segmind),
					ms(floorMs),
					ms(http),
					ratio(segmind, floorMs),
					ratio(http, floorMs),
					each((contender) => perItem(time(contender), SPEC.items)),
					each(cpu),
					each((contender) => String(mostInFlight(runs, contender))),
				],
			},
			details: [
				`floor: ${contenders.map((contender) => `${NAMES[contender]} ${list(runs.map((run) => run.measures[contender].executionMs))} ms`).join('; ')}; node run first: ${runs.map((run) => run.order[0]).join(', ')}.`,
				`floor, this node under V8's CPU profiler (one more run, ${ms(executionMs)} ms): the main thread was busy ${profiled(breakdown.busyMs)} per item while the node ran: ${breakdown.shares.map((share) => `${share.name} ${profiled(share.ms)}`).join('; ')}.`,
			],
			targets: [
				{
					what: `floor: this node / floor node (N = ${SPEC.items}, c = ${SPEC.concurrency}, L = 0)`,
					target: `<= ${TARGET.toFloor.toFixed(2)}`,
					measured: ratio(segmind, floorMs),
					verdict: atMost(segmind / floorMs, TARGET.toFloor),
				},
				{
					what: "floor: this package's own code per item (CPU profile)",
					target: `<= ${TARGET.ownCodeMsPerItem} ms`,
					measured: profiled(own.ms),
					verdict: atMost(own.ms / SPEC.items, TARGET.ownCodeMsPerItem),
				},
			],
		};
	},
});
