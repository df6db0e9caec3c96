// Turns the rows' reports into the printed table and bench/RESULTS.md.
import type { RowReport, TargetCheck, Verdict } from './rows/row';

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

const VERDICTS: Record<Verdict, string> = {
	met: 'met',
	fallback: 'within the worst accepted, not the target',
	missed: '**MISSED**',
};

const tableLine = (cells: string[]) => `| ${cells.join(' | ')} |`;
const tableHead = (columns: string[]) => [tableLine(columns), tableLine(columns.map(() => '---'))];

function targetTable(targets: TargetCheck[]): string[] {
	return [
		...tableHead(['target', 'wanted', 'measured', 'verdict']),
		...targets.map(({ what, target, measured, verdict }) =>
			tableLine([what, target, measured, VERDICTS[verdict]]),
		),
	];
}

/** One table per set of columns, in the order the rows ran. */
function rowTables(reports: RowReport[]): string[] {
	const tables = new Map<string, string[]>();
	for (const table of reports.flatMap((report) => [
		...(report.table ? [report.table] : []),
		...(report.tables ?? []),
	])) {
		const key = table.columns.join('|');
		if (!tables.has(key)) tables.set(key, tableHead(table.columns));
		tables.get(key)?.push(tableLine(table.cells));
	}
	return [...tables.values()].flatMap((lines) => [...lines, '']);
}

export function renderReport(
	reports: RowReport[],
	machine: Machine,
	command: string,
	short: boolean,
): string {
	const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
	const targets = reports.flatMap((report) => report.targets);
	const details = reports.flatMap((report) => report.details);
	return [
		'# Benchmark: n8n-nodes-segmind vs the HTTP Request node and the floor n8n sets',
		'',
		`Measured ${machine.date} with n8n ${machine.n8nVersion} (expression engine: ${machine.expressionEngine}) on Node ${machine.nodeVersion}, ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB RAM; load average ${load(machine.loadAtStart)} at the start, ${load(machine.loadAtEnd)} at the end.`,
		'',
		...(Math.max(machine.loadAtStart[0], ...machine.loadAtEnd) > machine.cpus
			? [
					'**The machine was busy** (load average above the number of CPUs): other processes competed for the CPUs, so these figures are not final; re-measure on a quiet machine.',
					'',
				]
			: []),
		...(short
			? [
					"**--short**: the rows that take minutes ran at a small size, to check that they work; their figures are not the benchmark's.",
					'',
				]
			: []),
		'Reproduce with:',
		'',
		'```sh',
		command,
		'```',
		'',
		...(targets.length > 0 ? ['Targets:', '', ...targetTable(targets), ''] : []),
		"Each node's `executionTime` from the run data of one real n8n run (`n8n execute`) with the compared nodes in one workflow, against the Segmind emulator answering after a fixed latency L; medians of the runs listed below the tables.",
		'',
		...rowTables(reports),
		...(details.length > 0
			? ['Runs and details:', '', ...details.map((line) => `- ${line}`), '']
			: []),
		...HOW_TO_READ,
	].join('\n');
}

const HOW_TO_READ = [
	'How to read it:',
	'',
	"- `executionTime` is n8n's own measure of a node, from its start to its output: reading every item's parameters (expressions included), n8n's request helper for every request (credential lookup and decryption, authentication, the HTTP client), the wait for the answers and building the output items. In each workflow the nodes run one after the other (execution order v1); which one runs first changes between runs.",
	'- latency limit: ceil(N/c) x L, the time with c requests always in flight if nothing but the latency counted. In the unlimited row (c = N) it is L alone: the time n8n takes to start N requests comes on top, so that ratio mostly shows the per-request CPU cost.',
	"- floor node: a node that exists only in the bench and does the least any node sending these requests through n8n must: per item it reads the same parameters with `getNodeParameter` (n8n evaluates their expressions) and calls n8n's `httpRequestWithAuthentication` once with this package's credential, c requests in flight, and puts out the answer's body. At L = 0 its time is what n8n charges per item; this node / floor node is what this node adds to that (validation, retries, pacing, status fields). The HTTP Request node runs last in that row, for scale.",
	"- own code per item: one more run of this node alone under V8's CPU profiler, the samples whose innermost frame is in this package's dist/, over N; the other shares say what n8n did meanwhile.",
	'- n8n CPU per item: user + system CPU time of the n8n processes (read from /proc every 100 ms) while the node ran, divided by N. Unlike wall time, it hardly depends on other processes competing for the CPUs.',
	"- first request after: from the node's start to its first request reaching the emulator. Both send as they go; this node also reads the items' parameters ahead of its requests, a slice at a time, to find bad input early.",
	'- max in flight: the most requests the emulator held at once, from its log.',
	"- memory: the sum of VmRSS over the n8n process and its children (the task runner), sampled every 100 ms over the whole `n8n execute` (start-up, the run, printing the run as JSON); VmHWM is the kernel's own peak of one process.",
	'- pacing: arrival times in the emulator log; the emulator limits the key over a sliding 60 s window.',
	"- workers: a queue-mode stack per worker count (Redis, Postgres, n8n main and workers, the emulator), executions fired at once through the published Webhook workflow (Webhook, Split Out, this node), timed from the first request to the last answer, after a few executions not timed; executions per worker from the workers' logs.",
	"- shared plan: one emulator key limited per window, shared by every execution on every worker; billed requests are those answered 200, the plan's capacity is the limit times the windows from the first request to the last billed one; requests per billed request counts every request the plan's gateway saw (each 429 one it had to turn away). Free plan: the same stack, one execution of 10 items with the node's defaults against 5 requests per window. Each case runs on the package as of the last commit before one pause per plan (`before`, built from git in a temp folder) and on this one (`after`), a stack each, in the same bench run; within a stack the two cases are a window apart, so that what the workers learnt from the first case's 429s has lapsed.",
	"- queue vs sync: this node alone in each mode, one `n8n execute` each (which mode goes first changes between runs). In queue mode an item is a submit, status polls every poll interval until COMPLETED, and a result fetch: only the submit and the result are billed work, the polls are unbilled GETs. Requests by kind from the emulator's log; items in flight from a submit's arrival to its result's answer.",
	"- media-batch: the three nodes in one workflow (execution order v1, so one after another; the order is reversed every other run), each running N media models (`flux-schnell`) whose answer comes after the model time L and is a file (`#emulate:huge:<MiB>` in the prompt), stored in n8n's binary data in filesystem mode (N8N_DEFAULT_BINARY_DATA_MODE=filesystem). Sync: one POST /v1 per item, its body the file, streamed into the store. Queue: a submit, status polls every poll interval until COMPLETED (after L), the result fetch and the file's download (no key). HTTP Request: the same POST /v1 with response format File, batch c every L ms. Every item must come out with its file stored and every request answered 200.",
	'- media-memory: one item, one file of the size given, through each node in its own `n8n execute` (filesystem binary data mode); growth is the highest tree RSS sampled while the node ran less the last one before it started.',
	'',
];
