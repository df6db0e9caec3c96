// Turns the measured runs into the printed table and bench/RESULTS.md.
import { OWN_CODE, type CpuShare } from './cpuProfile';
import { median } from './stats';
import {
	MEMORY,
	PACING,
	type ComparisonRow,
	type ComparisonRun,
	type MemoryRun,
	type PacingRun,
	type ProfiledRun,
} from './scenarios';

export interface Results {
	comparisons: Array<{ row: ComparisonRow; runs: ComparisonRun[] }>;
	overheadProfile?: ProfiledRun;
	memory?: { segmind: MemoryRun; http: MemoryRun };
	pacing?: PacingRun;
}

export interface Machine {
	date: string;
	cpus: number;
	cpuModel: string;
	memoryGiB: number;
	loadAtStart: number[];
	loadAtEnd: number[];
	nodeVersion: string;
	n8nVersion: string;
	expressionEngine: string;
}

const TARGETS = {
	limitedToBound: 1.1,
	overheadMsPerItem: 0.5,
	memoryBytes: 1e9,
	pacingShare: 0.95,
};

const ms = (value: number) => `${Math.round(value)}`;
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '—');
const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
const verdict = (ok: boolean) => (ok ? 'met' : '**MISSED**');

/** The latency limit: ceil(N/c) rounds of L each, with c requests in flight. */
export const latencyLimit = (row: ComparisonRow) =>
	Math.ceil(row.items / row.concurrency) * row.latencyMs;

const medians = (runs: ComparisonRun[]) => ({
	segmind: median(runs.map((run) => run.segmindMs)),
	http: median(runs.map((run) => run.httpMs)),
	segmindCpu: median(runs.map((run) => run.segmindCpuMs)),
	httpCpu: median(runs.map((run) => run.httpCpuMs)),
	segmindFirst: median(runs.map((run) => run.segmindFirstRequestMs)),
	httpFirst: median(runs.map((run) => run.httpFirstRequestMs)),
});

const perItem = (totalMs: number, row: ComparisonRow) => (totalMs / row.items).toFixed(3);

const httpSetting = (row: ComparisonRow) =>
	row.httpBatching
		? `batch ${row.httpBatching.size}, interval ${row.httpBatching.intervalMs} ms`
		: 'no batching';

function comparisonTable(results: Results): string[] {
	const lines = [
		'| row | N | c | L (ms) | this node (ms) | HTTP Request (ms) | latency limit ceil(N/c)·L (ms) | this / limit | HTTP / limit | this / HTTP | max in flight, this / HTTP | n8n CPU per item (ms), this / HTTP | first request after (ms), this / HTTP |',
		'|---|---|---|---|---|---|---|---|---|---|---|---|---|',
	];
	for (const { row, runs } of results.comparisons) {
		const { segmind, http, segmindCpu, httpCpu, segmindFirst, httpFirst } = medians(runs);
		const limit = latencyLimit(row);
		const inFlight = `${Math.max(...runs.map((run) => run.segmindInFlight))} / ${Math.max(...runs.map((run) => run.httpInFlight))}`;
		lines.push(
			`| ${row.name} | ${row.items} | ${row.concurrency} | ${row.latencyMs} | ${ms(segmind)} | ${ms(http)} | ${ms(limit)} | ${ratio(segmind, limit)} | ${ratio(http, limit)} | ${ratio(segmind, http)} | ${inFlight} | ${perItem(segmindCpu, row)} / ${perItem(httpCpu, row)} | ${ms(segmindFirst)} / ${ms(httpFirst)} |`,
		);
	}
	return lines;
}

function comparisonDetails(results: Results): string[] {
	return results.comparisons.map(({ row, runs }) => {
		const list = (pick: (run: ComparisonRun) => number) =>
			runs.map((run) => ms(pick(run))).join(', ');
		return `- ${row.name}: this node (concurrency ${row.concurrency}) ${list((run) => run.segmindMs)} ms; HTTP Request (${httpSetting(row)}) ${list((run) => run.httpMs)} ms; node run first: ${runs.map((run) => run.first).join(', ')}.`;
	});
}

function targetLines(results: Results): string[] {
	const lines: string[] = [];
	const limited = results.comparisons.find(({ row }) => row.name === 'limited');
	if (limited) {
		const { segmind, http } = medians(limited.runs);
		const bound = latencyLimit(limited.row);
		lines.push(
			`- limited (N = ${limited.row.items}, c = ${limited.row.concurrency}, L = ${limited.row.latencyMs} ms): this node ${ratio(segmind, bound)} x the latency limit (target <= ${TARGETS.limitedToBound}): ${verdict(segmind <= TARGETS.limitedToBound * bound)}; ${ratio(segmind, http)} x the HTTP Request node (target <= 1.00): ${verdict(segmind <= http)}.`,
		);
	}
	const overhead = results.comparisons.find(({ row }) => row.name === 'overhead');
	if (overhead) {
		const { row } = overhead;
		const { segmind, http, segmindCpu, httpCpu } = medians(overhead.runs);
		lines.push(
			`- overhead per item at L = 0 (N = ${row.items}, c = ${row.concurrency}): this node ${perItem(segmind, row)} ms (target < ${TARGETS.overheadMsPerItem} ms): ${verdict(segmind / row.items < TARGETS.overheadMsPerItem)}; HTTP Request (${httpSetting(row)}) ${perItem(http, row)} ms. CPU time of the n8n processes per item while the node ran: this node ${perItem(segmindCpu, row)} ms, HTTP Request ${perItem(httpCpu, row)} ms.`,
		);
	}
	if (results.overheadProfile) {
		const { items, executionMs, breakdown } = results.overheadProfile;
		const each = (value: number) => `${(value / items).toFixed(3)} ms`;
		const own = breakdown.shares.find(({ name }) => name === OWN_CODE) as CpuShare;
		lines.push(
			`- of which this package's own code (one more run of that row under V8's CPU profiler, ${ms(executionMs)} ms): ${each(own.ms)} per item (target < ${TARGETS.overheadMsPerItem} ms): ${verdict(own.ms / items < TARGETS.overheadMsPerItem)}. The main thread was busy ${each(breakdown.busyMs)} per item while the node ran: ${breakdown.shares.map((share) => `${share.name} ${each(share.ms)}`).join('; ')}.`,
		);
	}
	if (results.memory) {
		const { segmind, http } = results.memory;
		const phases = (run: MemoryRun) =>
			`${mib(run.rssAtNodeStartBytes)} as the node started, ${mib(run.peakRssDuringNodeBytes)} at most while it ran (${ms(run.executionMs)} ms, ${ms(run.cpuMs)} ms CPU); largest single-process VmHWM ${mib(run.peakProcessHwmBytes)}`;
		lines.push(
			`- memory, N = ${MEMORY.items} (L = ${MEMORY.latencyMs} ms): peak RSS of the n8n process tree over the whole \`n8n execute\` with this node (c = ${MEMORY.concurrency}) ${mib(segmind.peakTreeRssBytes)} (target < 1 GB = ${mib(TARGETS.memoryBytes)}): ${verdict(segmind.peakTreeRssBytes < TARGETS.memoryBytes)}; ${phases(segmind)}. With the HTTP Request node (no batching): ${mib(http.peakTreeRssBytes)}; ${phases(http)}.`,
		);
	}
	if (results.pacing) {
		const pacing = results.pacing;
		const share = pacing.inSpan / pacing.allowedInSpan;
		lines.push(
			`- pacing, requestsPerMinute = ${PACING.requestsPerMinute} against a key limited to ${PACING.requestsPerMinute} per ${PACING.windowMs / 1000} s, ${PACING.items} items (concurrency ${PACING.concurrency}, L = ${PACING.latencyMs} ms): ${pacing.inSpan} requests in the ${pacing.spanMs / 1000} s from the first, of ${pacing.allowedInSpan} allowed = ${(share * 100).toFixed(1)}% (target >= ${TARGETS.pacingShare * 100}%): ${verdict(share >= TARGETS.pacingShare)}; most in any ${PACING.windowMs / 1000} s window ${pacing.maxInWindow}, 429 answers ${pacing.rateLimited} (target: none over): ${verdict(pacing.maxInWindow <= PACING.requestsPerMinute && pacing.rateLimited === 0)}. ${pacing.sent} requests in all, first to last ${(pacing.firstToLastMs / 1000).toFixed(1)} s, failed items ${pacing.failedItems}, node ran ${ms(pacing.executionMs)} ms. Gaps between arrivals: first ${ms(pacing.gaps.first)} ms, min ${ms(pacing.gaps.min)}, median ${ms(pacing.gaps.median)}, max ${ms(pacing.gaps.max)} ms; the tightest ${PACING.requestsPerMinute + 1} consecutive arrivals (from no. ${pacing.tightestOverLimit.from + 1}) spanned ${ms(pacing.tightestOverLimit.ms)} ms (under ${PACING.windowMs} ms means one too many in a window)${pacing.rateLimitedAt.length > 0 ? `; 429 for arrival no. ${pacing.rateLimitedAt.join(', ')}` : ''}.`,
		);
	}
	return lines;
}

export function renderReport(results: Results, machine: Machine, command: string): string {
	const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
	const sections = [
		'# Benchmark: n8n-nodes-segmind vs the HTTP Request node',
		'',
		`Measured ${machine.date} with n8n ${machine.n8nVersion} (expression engine: ${machine.expressionEngine}) on Node ${machine.nodeVersion}, ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB RAM; load average ${load(machine.loadAtStart)} at the start, ${load(machine.loadAtEnd)} at the end.`,
		'',
		...(Math.max(machine.loadAtStart[0], ...machine.loadAtEnd) > machine.cpus
			? [
					'**The machine was busy** (load average above the number of CPUs): other processes competed for the CPUs, so these figures are not final; re-measure on a quiet machine.',
					'',
				]
			: []),
		'Reproduce with:',
		'',
		'```sh',
		command,
		'```',
		'',
	];
	if (results.comparisons.length > 0) {
		sections.push(
			"Each node's `executionTime` from the run data of one real n8n run (`n8n execute`) with both nodes in the workflow, against the Segmind emulator answering after a fixed latency L; medians of the runs below. This node runs with `concurrency` c; the HTTP Request node with batching of c items every L ms in the limited row, no batching otherwise.",
			'',
			...comparisonTable(results),
			'',
			'Runs:',
			'',
			...comparisonDetails(results),
			'',
		);
	}
	sections.push('Targets:', '', ...targetLines(results), '', ...HOW_TO_READ);
	return sections.join('\n');
}

const HOW_TO_READ = [
	'How to read it:',
	'',
	"- `executionTime` is n8n's own measure of a node, from its start to its output: reading every item's parameters (expressions included), n8n's request helper for every request (credential lookup and decryption, authentication, the HTTP client), the wait for the answers and building the output items. In each workflow the two nodes run one after the other (execution order v1); which one runs first alternates between runs.",
	'- latency limit: ceil(N/c) x L, the time with c requests always in flight if nothing but the latency counted. In the unlimited row (c = N) it is L alone: the time n8n takes to start N requests comes on top, so that ratio mostly shows the per-request CPU cost.',
	"- overhead per item at L = 0: `executionTime` / N with an emulator that answers at once, so everything but the latency, on the same 2 CPUs as the emulator: n8n's per-item and per-request work as well as this node's own code.",
	'- n8n CPU per item: user + system CPU time of the n8n processes (read from /proc every 100 ms) while the node ran, divided by N. Unlike wall time, it hardly depends on other processes competing for the CPUs.',
	"- first request after: from the node's start to its first request reaching the emulator. Both send as they go; this node also reads the items' parameters ahead of its requests, a slice at a time, to find bad input early.",
	'- max in flight: the most requests the emulator held at once, from its log.',
	"- memory: the sum of VmRSS over the n8n process and its children (the task runner), sampled every 100 ms over the whole `n8n execute` (start-up, the run, printing the run as JSON); VmHWM is the kernel's own peak of one process.",
	'- pacing: arrival times in the emulator log; the emulator limits the key over a sliding 60 s window.',
	'',
];
