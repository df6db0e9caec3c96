// What a row of the bench is: the workflows it needs imported, a scenario that measures, and a
// renderer that turns the measures into table cells, details and target checks. Adding a row is
// one file defining these, listed in rows/index.ts.
import type { Emulator } from '../../emulator/server';
import type { N8nSandbox, WorkflowJson } from '../../scripts/n8n/sandbox';

export interface RowContext {
	/** One n8n (`n8n execute` per run) with this package and the floor node installed. */
	sandbox: N8nSandbox;
	emulator: Emulator;
	/** Runs per compared row (--runs). */
	runs: number;
	/** --short: rows that have a small size run at it, to check that they work. */
	short: boolean;
	progress: (text: string) => void;
}

/** met: within the target; fallback: over it but within the worst accepted; missed: over both. */
export type Verdict = 'met' | 'fallback' | 'missed';

export interface TargetCheck {
	what: string;
	target: string;
	measured: string;
	verdict: Verdict;
}

export interface TableLine {
	columns: string[];
	cells: string[];
}

export interface RowReport {
	/** A line of a table; rows with the same columns share one table. */
	table?: TableLine;
	/** Several lines, for a row that measures several cases (each as `table`). */
	tables?: TableLine[];
	/** Runs and figures beyond the table, one bullet each. */
	details: string[];
	targets: TargetCheck[];
}

export interface RowDefinition<Result> {
	name: string;
	/** One line for --help. */
	summary: string;
	/** Left out by --quick (it takes minutes). */
	slow?: boolean;
	/** Has a small size for --short. */
	shortens?: boolean;
	/** Workflows to import into the sandbox before any row runs. */
	workflows: (emulatorUrl: string) => WorkflowJson[];
	measure: (context: RowContext) => Promise<Result>;
	render: (result: Result) => RowReport;
}

export interface BenchRow {
	name: string;
	summary: string;
	slow: boolean;
	shortens: boolean;
	workflows: (emulatorUrl: string) => WorkflowJson[];
	run: (context: RowContext) => Promise<RowReport>;
}

/** A row whose measures are rendered as soon as they are taken. */
export function defineRow<Result>(row: RowDefinition<Result>): BenchRow {
	return {
		name: row.name,
		summary: row.summary,
		slow: row.slow ?? false,
		shortens: row.shortens ?? false,
		workflows: row.workflows,
		run: async (context) => row.render(await row.measure(context)),
	};
}

/** A value that must stay at most the target (or, failing that, at most the worst accepted). */
export function atMost(value: number, target: number, worst = target): Verdict {
	if (value <= target) return 'met';
	return value <= worst ? 'fallback' : 'missed';
}

export const atLeast = (value: number, target: number): Verdict =>
	value >= target ? 'met' : 'missed';
