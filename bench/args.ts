// Command line of `npm run bench`.
import type { BenchRow } from './rows/row';

export interface BenchArgs {
	rows: string[];
	/** Runs per compared row; the table shows medians. */
	runs: number;
	/** Rows that take minutes run small, to check that they work (their figures are not quotable). */
	short: boolean;
	/** N8N_EXPRESSION_ENGINE for n8n; unset keeps n8n's default (vm, isolated-vm in 2.41). */
	expressionEngine?: string;
	/** The arguments as given, for the command that reproduces the table. */
	given: string[];
}

export const usage = (rows: BenchRow[]) => `npm run bench [-- options]
  (no option)     every row:
${rows.map((row) => `                    ${row.name}: ${row.summary}`).join('\n')}
  --quick         every row but the slow ones (${rows
		.filter((row) => row.slow)
		.map((row) => row.name)
		.join(', ')})
  --only a,b      these rows only
  --short         the rows that take minutes at a fraction of their size (${rows
		.filter((row) => row.shortens)
		.map((row) => row.name)
		.join(', ')}),
                  to check that they work; their figures are not the benchmark's
  --runs n        runs per compared row, medians shown (default 4, so that each node goes
                  first as often as the other; at least 1)
  --expression-engine legacy|vm|quickjs
                  n8n's expression engine (default: n8n's own, vm); to see its share of the cost`;

export function parseArgs(argv: string[], known: BenchRow[]): BenchArgs {
	const USAGE = usage(known);
	const names = known.map((row) => row.name);
	let rows = names;
	let runs = 4;
	let short = false;
	let expressionEngine: string | undefined;
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		const value = () => {
			const next = argv[++index];
			if (next === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
			return next;
		};
		if (arg === '--quick') rows = known.filter((row) => !row.slow).map((row) => row.name);
		else if (arg === '--short') short = true;
		else if (arg === '--only') {
			const wanted = value().split(',');
			const unknown = wanted.filter((name) => !names.includes(name));
			if (unknown.length > 0) throw new Error(`Unknown row(s) ${unknown.join(', ')}\n${USAGE}`);
			rows = names.filter((name) => wanted.includes(name));
		} else if (arg === '--runs') {
			runs = Number(value());
			if (!Number.isInteger(runs) || runs < 1)
				throw new Error(`--runs must be a whole number >= 1`);
		} else if (arg === '--expression-engine') {
			expressionEngine = value();
			if (!['legacy', 'vm', 'quickjs'].includes(expressionEngine)) {
				throw new Error(`--expression-engine must be legacy, vm or quickjs\n${USAGE}`);
			}
		} else throw new Error(`Unknown option ${arg}\n${USAGE}`);
	}
	return { rows, runs, short, expressionEngine, given: argv };
}
