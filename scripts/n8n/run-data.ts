// The run JSON `n8n execute --rawOutput` prints, and readers for one node's results in it.
// Only the parts the tests read are typed; the same shape comes from n8n 2.x and 1.x.

export type PairedItem =
	| { item: number; input?: number }
	| Array<{ item: number; input?: number }>
	| number;

export interface NodeItem {
	json: Record<string, unknown>;
	pairedItem?: PairedItem;
	binary?: Record<string, unknown>;
	error?: unknown;
}

export interface RunError {
	message: string;
	description?: string | null;
	name?: string;
	node?: { name: string };
	[key: string]: unknown;
}

export interface TaskData {
	startTime: number;
	/** Milliseconds the node took, as n8n measured it. */
	executionTime: number;
	executionStatus?: string;
	data?: Record<string, Array<NodeItem[] | null>>;
	error?: RunError;
}

export interface WorkflowRun {
	/** success, error, canceled, crashed, ... */
	status: string;
	finished?: boolean;
	mode: string;
	startedAt: string;
	stoppedAt?: string;
	data: {
		resultData: {
			runData: Record<string, TaskData[]>;
			lastNodeExecuted?: string;
			error?: RunError;
		};
	};
}

/**
 * The run is printed after n8n's log lines, pretty-printed: it starts at the first line that is
 * exactly `{` and ends at the next line that is exactly `}`.
 */
export function parseRunOutput(stdout: string): WorkflowRun | undefined {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	if (start === -1) return undefined;
	const end = lines.indexOf('}', start);
	if (end === -1) return undefined;
	return JSON.parse(lines.slice(start, end + 1).join('\n')) as WorkflowRun;
}

function task(run: WorkflowRun, nodeName: string, runIndex: number): TaskData {
	const { runData } = run.data.resultData;
	const tasks = runData[nodeName];
	if (!tasks) {
		throw new Error(
			`Node "${nodeName}" did not run; nodes that ran: ${Object.keys(runData).join(', ') || 'none'}`,
		);
	}
	const found = tasks[runIndex];
	if (!found)
		throw new Error(
			`Node "${nodeName}" ran ${tasks.length} time(s); run ${runIndex} does not exist`,
		);
	return found;
}

/**
 * The items one node put on one output (0 is the main output; with "Continue (using error
 * output)" the error output is the last one), as n8n recorded them.
 */
export function nodeItems(
	run: WorkflowRun,
	nodeName: string,
	{
		output = 0,
		runIndex = 0,
		connection = 'main',
	}: { output?: number; runIndex?: number; connection?: string } = {},
): NodeItem[] {
	const { data, error } = task(run, nodeName, runIndex);
	if (!data)
		throw new Error(`Node "${nodeName}" produced no data${error ? `: ${error.message}` : ''}`);
	const outputs = data[connection] ?? [];
	return outputs[output] ?? [];
}

/** Just the items' json, for compact assertions. */
export function nodeJson(
	run: WorkflowRun,
	nodeName: string,
	options?: { output?: number; runIndex?: number },
) {
	return nodeItems(run, nodeName, options).map((item) => item.json);
}

/** How long the node ran, in ms, as n8n measured it (what the benchmark compares). */
export function nodeExecutionTime(run: WorkflowRun, nodeName: string, runIndex = 0): number {
	return task(run, nodeName, runIndex).executionTime;
}

/** The error n8n recorded for the node, if it failed. */
export function nodeError(run: WorkflowRun, nodeName: string, runIndex = 0): RunError | undefined {
	return task(run, nodeName, runIndex).error;
}
