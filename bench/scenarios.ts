// The rows of the table: what each runs in n8n, and the checks that make a figure count.
import * as fs from 'fs';
import * as path from 'path';

import type { Emulator } from '../emulator/server';
import {
	nodeExecutionTime,
	nodeJson,
	type N8nSandbox,
	type WorkflowJson,
	type WorkflowRun,
} from '../scripts/n8n/sandbox';
import { nodeCpuBreakdown, type CpuBreakdown } from './cpuProfile';
import {
	cpuMsBetween,
	peakRssBetween,
	ProcessTreeSampler,
	rssBefore,
	type Sampled,
} from './processSampler';
import { expectAllAnswered, maxInFlight, maxInWindow, sentWith, tightestSpan } from './requestLog';
import { median } from './stats';
import { benchWorkflow, HTTP_NODE, SEGMIND_NODE, type CredentialRef } from './workflow';

/** Emulator keys, one per sender, so the log tells the two nodes apart. */
export const KEYS = {
	segmind: { key: 'SG_bench_segmind_node_key', label: 'segmind-node' },
	http: { key: 'SG_bench_http_request_key', label: 'http-request' },
	paced: { key: 'SG_bench_paced_50rpm_key', label: 'paced-50rpm' },
};
export const PACED_LIMIT_PER_MINUTE = 50;

export function emulatorKeys() {
	const funded = { credits: 1e9, freeCredits: 0 };
	return {
		[KEYS.segmind.key]: { ...funded, label: KEYS.segmind.label },
		[KEYS.http.key]: { ...funded, label: KEYS.http.label },
		[KEYS.paced.key]: {
			...funded,
			label: KEYS.paced.label,
			requestsPerMinute: PACED_LIMIT_PER_MINUTE,
		},
	};
}

export const CREDENTIALS: Record<'segmind' | 'http' | 'paced', CredentialRef> = {
	segmind: { id: 'benchSegmindCred', name: 'Segmind (bench)' },
	http: { id: 'benchHeaderAuth01', name: 'x-api-key (bench)' },
	paced: { id: 'benchPacedCred01', name: 'Segmind 50/min (bench)' },
};

export function credentialSpecs(emulatorUrl: string) {
	const segmind = (ref: CredentialRef, key: string) => ({
		...ref,
		type: 'segmindApi',
		data: { apiKey: key, baseUrl: emulatorUrl },
	});
	return [
		segmind(CREDENTIALS.segmind, KEYS.segmind.key),
		segmind(CREDENTIALS.paced, KEYS.paced.key),
		{
			...CREDENTIALS.http,
			type: 'httpHeaderAuth',
			data: { name: 'x-api-key', value: KEYS.http.key },
		},
	];
}

export interface ComparisonRow {
	name: 'limited' | 'unlimited' | 'overhead';
	items: number;
	concurrency: number;
	latencyMs: number;
	/** The HTTP Request node's batching; none sends every item's request at once. */
	httpBatching?: { size: number; intervalMs: number };
}

export const COMPARISONS: ComparisonRow[] = [
	{
		name: 'limited',
		items: 1000,
		concurrency: 10,
		latencyMs: 100,
		httpBatching: { size: 10, intervalMs: 100 },
	},
	{ name: 'unlimited', items: 200, concurrency: 200, latencyMs: 100 },
	// Batching with interval 0 never sleeps in the HTTP Request node: it is the same as none.
	{ name: 'overhead', items: 1000, concurrency: 10, latencyMs: 0 },
];

export const MEMORY = { items: 10_000, concurrency: 10, latencyMs: 0 };
export const PACING = {
	items: 150,
	concurrency: 5,
	latencyMs: 100,
	requestsPerMinute: PACED_LIMIT_PER_MINUTE,
	/** The span judged: 3 minutes from the first request. */
	spanMs: 180_000,
	windowMs: 60_000,
};

const ORDERS = ['segmind', 'http'] as const;
type Order = (typeof ORDERS)[number];

const workflowId = (name: string, variant: string) =>
	`bench${name[0].toUpperCase()}${name.slice(1)}${variant}`.padEnd(16, '0');

/** Run i runs the workflow whose upper branch is ORDERS[i % 2]: both nodes go first in turn. */
const comparisonWorkflowId = (row: ComparisonRow, run: number) =>
	workflowId(row.name, ORDERS[run % 2] === 'segmind' ? 'S' : 'H');

/** Every workflow the selected rows run, to import in one n8n command. */
export function workflowsFor(rows: string[], emulatorUrl: string): WorkflowJson[] {
	const workflows: WorkflowJson[] = [];
	for (const row of COMPARISONS.filter(({ name }) => rows.includes(name))) {
		for (const first of ORDERS) {
			workflows.push(
				benchWorkflow({
					id: workflowId(row.name, first === 'segmind' ? 'S' : 'H'),
					name: `Bench ${row.name}, ${first} first`,
					items: row.items,
					emulatorUrl,
					first,
					segmind: { credential: CREDENTIALS.segmind, concurrency: row.concurrency },
					http: { credential: CREDENTIALS.http, batching: row.httpBatching },
				}),
			);
		}
	}
	if (rows.includes('memory')) {
		workflows.push(
			benchWorkflow({
				id: workflowId('memory', 'S'),
				name: 'Bench memory, this node',
				items: MEMORY.items,
				emulatorUrl,
				segmind: { credential: CREDENTIALS.segmind, concurrency: MEMORY.concurrency },
			}),
			benchWorkflow({
				id: workflowId('memory', 'H'),
				name: 'Bench memory, HTTP Request',
				items: MEMORY.items,
				emulatorUrl,
				http: { credential: CREDENTIALS.http },
			}),
		);
	}
	if (rows.includes('pacing')) {
		workflows.push(
			benchWorkflow({
				id: workflowId('pacing', 'S'),
				name: 'Bench pacing, 50 requests a minute',
				items: PACING.items,
				emulatorUrl,
				segmind: {
					credential: CREDENTIALS.paced,
					concurrency: PACING.concurrency,
					requestsPerMinute: PACING.requestsPerMinute,
				},
			}),
		);
	}
	return workflows;
}

/** Throws unless the node put out `count` items; returns how many of this node's failed. */
function expectItems(run: WorkflowRun, nodeName: string, count: number) {
	const items = nodeJson(run, nodeName);
	if (items.length !== count) {
		throw new Error(`${nodeName} put out ${items.length} items, expected ${count}`);
	}
	return nodeName === SEGMIND_NODE ? items.filter((item) => item.success !== true).length : 0;
}

function expectSuccess(run: WorkflowRun, nodeName: string, count: number) {
	const failed = expectItems(run, nodeName, count);
	if (failed > 0) throw new Error(`${nodeName} put out ${failed} failed items of ${count}`);
}

export interface ComparisonRun {
	first: Order;
	segmindMs: number;
	httpMs: number;
	/** CPU time the n8n processes used while the node ran. */
	segmindCpuMs: number;
	httpCpuMs: number;
	segmindInFlight: number;
	httpInFlight: number;
	/** From the node's start to its first request reaching the emulator, in ms. */
	segmindFirstRequestMs: number;
	httpFirstRequestMs: number;
}

const longRunMs = 600_000;

/** Executes a workflow while sampling the n8n processes' CPU and memory. */
async function executeSampled(sandbox: N8nSandbox, workflowId: string) {
	const sampler = new ProcessTreeSampler(sandbox.root);
	let sampled: Sampled;
	let run: WorkflowRun;
	try {
		run = await sandbox.execute(workflowId, { timeoutMs: longRunMs });
	} finally {
		sampled = sampler.stop();
	}
	if (sampled.samples.length === 0) {
		throw new Error('No n8n process was found to sample (this needs Linux /proc)');
	}
	return { run, sampled };
}

/** From the node's start to its end (epoch ms), as n8n timed it. */
function nodeWindow(run: WorkflowRun, nodeName: string): [number, number] {
	const { startTime, executionTime } = run.data.resultData.runData[nodeName][0];
	return [startTime, startTime + executionTime];
}

/** CPU the n8n processes used while the node ran. */
const nodeCpuMs = (run: WorkflowRun, sampled: Sampled, nodeName: string) =>
	cpuMsBetween(sampled.samples, ...nodeWindow(run, nodeName));

export async function runComparison(
	sandbox: N8nSandbox,
	emulator: Emulator,
	row: ComparisonRow,
	run: number,
): Promise<ComparisonRun> {
	emulator.configure({ latencyMs: row.latencyMs });
	emulator.reset();
	const { run: result, sampled } = await executeSampled(sandbox, comparisonWorkflowId(row, run));
	expectSuccess(result, SEGMIND_NODE, row.items);
	expectSuccess(result, HTTP_NODE, row.items);
	const segmindSent = sentWith(emulator.log, KEYS.segmind.label);
	const httpSent = sentWith(emulator.log, KEYS.http.label);
	expectAllAnswered(segmindSent, row.items, SEGMIND_NODE);
	expectAllAnswered(httpSent, row.items, HTTP_NODE);
	return {
		first: ORDERS[run % 2],
		segmindMs: nodeExecutionTime(result, SEGMIND_NODE),
		httpMs: nodeExecutionTime(result, HTTP_NODE),
		segmindCpuMs: nodeCpuMs(result, sampled, SEGMIND_NODE),
		httpCpuMs: nodeCpuMs(result, sampled, HTTP_NODE),
		segmindInFlight: maxInFlight(segmindSent),
		httpInFlight: maxInFlight(httpSent),
		segmindFirstRequestMs: segmindSent[0].receivedAt - nodeWindow(result, SEGMIND_NODE)[0],
		httpFirstRequestMs: httpSent[0].receivedAt - nodeWindow(result, HTTP_NODE)[0],
	};
}

export interface ProfiledRun {
	items: number;
	executionMs: number;
	breakdown: CpuBreakdown;
}

/**
 * One more run of the overhead row with V8's sampling profiler in n8n (not timed with the
 * others: profiling slows n8n down), to split the CPU time of this node's run by who did it.
 */
export async function runOverheadProfile(
	sandbox: N8nSandbox,
	emulator: Emulator,
): Promise<ProfiledRun> {
	const row = COMPARISONS.find(({ name }) => name === 'overhead') as ComparisonRow;
	const folder = path.join(sandbox.root, 'cpu-profiles');
	fs.rmSync(folder, { recursive: true, force: true });
	emulator.configure({ latencyMs: row.latencyMs });
	emulator.reset();
	const run = await sandbox.execute(comparisonWorkflowId(row, 0), {
		timeoutMs: longRunMs,
		env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${folder}` },
	});
	expectSuccess(run, SEGMIND_NODE, row.items);
	// Every n8n process writes a profile (the task runner too): the one that ran the node counts,
	// and the others (megabytes of JSON each) are not read once it is found.
	for (const file of fs.readdirSync(folder)) {
		const breakdown = nodeCpuBreakdown(path.join(folder, file));
		if (breakdown) {
			return { items: row.items, executionMs: nodeExecutionTime(run, SEGMIND_NODE), breakdown };
		}
	}
	throw new Error(`No CPU profile in ${folder} shows ${SEGMIND_NODE} running`);
}

export interface MemoryRun {
	executionMs: number;
	cpuMs: number;
	/** Over the whole `n8n execute`: start-up, the run, printing the run's JSON. */
	peakTreeRssBytes: number;
	peakProcessHwmBytes: number;
	/** Tree RSS as the node started (n8n and the N items before it), and its peak while it ran. */
	rssAtNodeStartBytes: number;
	peakRssDuringNodeBytes: number;
}

/** One n8n run of the N = 10,000 workflow for one node, sampling the n8n processes' memory. */
export async function runMemory(
	sandbox: N8nSandbox,
	emulator: Emulator,
	which: 'segmind' | 'http',
): Promise<MemoryRun> {
	emulator.configure({ latencyMs: MEMORY.latencyMs });
	emulator.reset();
	const { run: result, sampled } = await executeSampled(
		sandbox,
		workflowId('memory', which === 'segmind' ? 'S' : 'H'),
	);
	const [nodeName, label] =
		which === 'segmind' ? [SEGMIND_NODE, KEYS.segmind.label] : [HTTP_NODE, KEYS.http.label];
	expectSuccess(result, nodeName, MEMORY.items);
	expectAllAnswered(sentWith(emulator.log, label), MEMORY.items, nodeName);
	const [start, end] = nodeWindow(result, nodeName);
	return {
		executionMs: nodeExecutionTime(result, nodeName),
		cpuMs: nodeCpuMs(result, sampled, nodeName),
		peakTreeRssBytes: sampled.peakTreeRssBytes,
		peakProcessHwmBytes: sampled.peakProcessHwmBytes,
		rssAtNodeStartBytes: rssBefore(sampled.samples, start),
		peakRssDuringNodeBytes: peakRssBetween(sampled.samples, start, end),
	};
}

export interface PacingRun {
	executionMs: number;
	sent: number;
	rateLimited: number;
	failedItems: number;
	maxInWindow: number;
	inSpan: number;
	allowedInSpan: number;
	spanMs: number;
	firstToLastMs: number;
	/** Gaps between consecutive arrivals, in ms. */
	gaps: { min: number; median: number; max: number; first: number };
	/** The shortest time in which limit + 1 requests arrived (under the window: one too many). */
	tightestOverLimit: { ms: number; from: number };
	/** 1-based arrival numbers of the requests answered 429. */
	rateLimitedAt: number[];
}

export async function runPacing(sandbox: N8nSandbox, emulator: Emulator): Promise<PacingRun> {
	emulator.configure({ latencyMs: PACING.latencyMs, rateLimitWindowMs: PACING.windowMs });
	emulator.reset();
	const result = await sandbox.execute(workflowId('pacing', 'S'), { timeoutMs: longRunMs });
	const sent = sentWith(emulator.log, KEYS.paced.label);
	const times = sent.map((entry) => entry.receivedAt).sort((a, b) => a - b);
	const gaps = times.slice(1).map((at, index) => at - times[index]);
	// A 429 is counted even when a retry then succeeded; an item that still failed, here.
	const failedItems = expectItems(result, SEGMIND_NODE, PACING.items);
	return {
		executionMs: nodeExecutionTime(result, SEGMIND_NODE),
		sent: sent.length,
		rateLimited: sent.filter((entry) => entry.status === 429).length,
		failedItems,
		maxInWindow: maxInWindow(times, PACING.windowMs),
		inSpan: times.filter((at) => at < times[0] + PACING.spanMs).length,
		allowedInSpan: (PACING.requestsPerMinute * PACING.spanMs) / 60_000,
		spanMs: PACING.spanMs,
		firstToLastMs: times[times.length - 1] - times[0],
		gaps: {
			min: Math.min(...gaps),
			median: median(gaps),
			max: Math.max(...gaps),
			first: gaps[0],
		},
		tightestOverLimit: tightestSpan(times, PACING.requestsPerMinute + 1),
		rateLimitedAt: sent.flatMap((entry, index) => (entry.status === 429 ? [index + 1] : [])),
	};
}
