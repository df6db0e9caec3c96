// Compared runs: several nodes in one workflow, one branch each, the same N items, against the
// emulator at a fixed latency; which node goes first changes from run to run.
import type { Emulator } from '../emulator/server';
import {
	nodeExecutionTime,
	nodeJson,
	type N8nSandbox,
	type WorkflowJson,
	type WorkflowRun,
} from '../scripts/n8n/sandbox';
import { CREDENTIALS, KEYS } from './credentials';
import { cpuMsBetween, ProcessTreeSampler, type Sampled } from './processSampler';
import { expectAllAnswered, maxInFlight, sentWith } from './requestLog';
import type { RowContext } from './rows/row';
import { median } from './stats';
import { benchWorkflow, FLOOR_NODE, HTTP_NODE, SEGMIND_NODE, type Branch } from './workflow';

export type ContenderName = 'segmind' | 'floor' | 'http';

export const CONTENDERS: Record<ContenderName, { nodeName: string; keyLabel: string }> = {
	segmind: { nodeName: SEGMIND_NODE, keyLabel: KEYS.segmind.label },
	floor: { nodeName: FLOOR_NODE, keyLabel: KEYS.floor.label },
	http: { nodeName: HTTP_NODE, keyLabel: KEYS.http.label },
};

export interface ComparisonSpec<C extends ContenderName = ContenderName> {
	name: string;
	items: number;
	concurrency: number;
	latencyMs: number;
	/** The HTTP Request node's batching; none sends every item's request at once. */
	httpBatching?: { size: number; intervalMs: number };
	/** The nodes in the order they run; run i uses orders[i % orders.length]. */
	orders: C[][];
}

export interface Measure {
	executionMs: number;
	/** CPU time the n8n processes used while the node ran. */
	cpuMs: number;
	inFlight: number;
	/** From the node's start to its first request reaching the emulator, in ms. */
	firstRequestMs: number;
}

export interface ComparisonRun<C extends ContenderName = ContenderName> {
	order: C[];
	measures: Record<C, Measure>;
}

/** The first columns of every compared row's table, and their cells. */
export const SPEC_COLUMNS = ['row', 'N', 'c', 'L (ms)'];
export const specCells = (
	spec: Pick<ComparisonSpec, 'name' | 'items' | 'concurrency' | 'latencyMs'>,
) => [spec.name, String(spec.items), String(spec.concurrency), String(spec.latencyMs)];

export const LONG_RUN_MS = 600_000;

export const workflowId = (name: string, variant: string) =>
	`bench${name[0].toUpperCase()}${name.slice(1)}${variant}`.padEnd(16, '0');

export const comparisonWorkflowId = (spec: ComparisonSpec, run: number) =>
	workflowId(spec.name, String(run % spec.orders.length));

export function branchOf(contender: ContenderName, spec: ComparisonSpec): Branch {
	const { concurrency, httpBatching } = spec;
	switch (contender) {
		case 'segmind':
			return { kind: 'segmind', settings: { credential: CREDENTIALS.segmind, concurrency } };
		case 'floor':
			return { kind: 'floor', settings: { credential: CREDENTIALS.floor, concurrency } };
		case 'http':
			return { kind: 'http', settings: { credential: CREDENTIALS.http, batching: httpBatching } };
	}
}

/** One workflow per order of the nodes. */
export function comparisonWorkflows(spec: ComparisonSpec, emulatorUrl: string): WorkflowJson[] {
	return spec.orders.map((order, index) =>
		benchWorkflow({
			id: comparisonWorkflowId(spec, index),
			name: `Bench ${spec.name}, ${order.join(' then ')}`,
			items: spec.items,
			emulatorUrl,
			branches: order.map((contender) => branchOf(contender, spec)),
		}),
	);
}

/** Throws unless the node put out `count` items; returns how many of this node's failed. */
export function expectItems(run: WorkflowRun, nodeName: string, count: number) {
	const items = nodeJson(run, nodeName);
	if (items.length !== count) {
		throw new Error(`${nodeName} put out ${items.length} items, expected ${count}`);
	}
	return nodeName === SEGMIND_NODE ? items.filter((item) => item.success !== true).length : 0;
}

export function expectSuccess(run: WorkflowRun, nodeName: string, count: number) {
	const failed = expectItems(run, nodeName, count);
	if (failed > 0) throw new Error(`${nodeName} put out ${failed} failed items of ${count}`);
}

/** Executes a workflow while sampling the n8n processes' CPU and memory. */
export async function executeSampled(
	sandbox: N8nSandbox,
	id: string,
	options: { env?: Record<string, string> } = {},
) {
	const sampler = new ProcessTreeSampler(sandbox.root);
	let sampled: Sampled;
	let run: WorkflowRun;
	try {
		run = await sandbox.execute(id, { timeoutMs: LONG_RUN_MS, env: options.env });
	} finally {
		sampled = sampler.stop();
	}
	if (sampled.samples.length === 0) {
		throw new Error('No n8n process was found to sample (this needs Linux /proc)');
	}
	return { run, sampled };
}

/** From the node's start to its end (epoch ms), as n8n timed it. */
export function nodeWindow(run: WorkflowRun, nodeName: string): [number, number] {
	const { startTime, executionTime } = run.data.resultData.runData[nodeName][0];
	return [startTime, startTime + executionTime];
}

/** CPU the n8n processes used while the node ran. */
export const nodeCpuMs = (run: WorkflowRun, sampled: Sampled, nodeName: string) =>
	cpuMsBetween(sampled.samples, ...nodeWindow(run, nodeName));

async function runOnce<C extends ContenderName>(
	{ sandbox, emulator }: { sandbox: N8nSandbox; emulator: Emulator },
	spec: ComparisonSpec<C>,
	run: number,
): Promise<ComparisonRun<C>> {
	emulator.configure({ latencyMs: spec.latencyMs });
	emulator.reset();
	const { run: result, sampled } = await executeSampled(sandbox, comparisonWorkflowId(spec, run));
	const order = spec.orders[run % spec.orders.length];
	const measures = {} as Record<C, Measure>;
	for (const contender of order) {
		const { nodeName, keyLabel } = CONTENDERS[contender];
		expectSuccess(result, nodeName, spec.items);
		const sent = sentWith(emulator.log, keyLabel);
		expectAllAnswered(sent, spec.items, nodeName);
		measures[contender] = {
			executionMs: nodeExecutionTime(result, nodeName),
			cpuMs: nodeCpuMs(result, sampled, nodeName),
			inFlight: maxInFlight(sent),
			firstRequestMs: sent[0].receivedAt - nodeWindow(result, nodeName)[0],
		};
	}
	return { order, measures };
}

/** context.runs runs of the spec, each reported as it ends. */
export async function runComparison<C extends ContenderName>(
	context: RowContext,
	spec: ComparisonSpec<C>,
): Promise<Array<ComparisonRun<C>>> {
	const runs: Array<ComparisonRun<C>> = [];
	for (let run = 0; run < context.runs; run++) {
		const measured = await runOnce(context, spec, run);
		const figures = measured.order.map(
			(contender) => `${contender} ${measured.measures[contender].executionMs} ms`,
		);
		context.progress(`${spec.name} run ${run + 1}/${context.runs}: ${figures.join(', ')}`);
		runs.push(measured);
	}
	return runs;
}

/** The median over the runs of one node's measure. */
export const medianOf = <C extends ContenderName>(
	runs: Array<ComparisonRun<C>>,
	contender: C,
	pick: (measure: Measure) => number,
) => median(runs.map((run) => pick(run.measures[contender])));

/** The most in flight over the runs for one node. */
export const mostInFlight = <C extends ContenderName>(
	runs: Array<ComparisonRun<C>>,
	contender: C,
) => Math.max(...runs.map((run) => run.measures[contender].inFlight));
