// Command line of `npm run bench`.
export const ROWS = ['limited', 'unlimited', 'overhead', 'memory', 'pacing'] as const;
export type RowName = (typeof ROWS)[number];

export interface BenchArgs {
	rows: RowName[];
	/** Runs per comparison row; the table shows medians. */
	runs: number;
	/** N8N_EXPRESSION_ENGINE for n8n; unset keeps n8n's default (vm, isolated-vm in 2.41). */
	expressionEngine?: string;
	/** The arguments as given, for the command that reproduces the table. */
	given: string[];
}

export const USAGE = `npm run bench [-- options]
  (no option)     every row: limited, unlimited, overhead, memory, pacing (pacing takes 3+ minutes)
  --quick         every row but pacing
  --pacing        the pacing row only
  --only a,b      these rows only (${ROWS.join(', ')})
  --runs n        runs per comparison row, medians shown (default 4, so that each node goes
                  first as often as the other; at least 1)
  --expression-engine legacy|vm|quickjs
                  n8n's expression engine (default: n8n's own, vm); to see its share of the cost`;

export function parseArgs(argv: string[]): BenchArgs {
	let rows: RowName[] = [...ROWS];
	let runs = 4;
	let expressionEngine: string | undefined;
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		const value = () => {
			const next = argv[++index];
			if (next === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
			return next;
		};
		if (arg === '--quick') rows = rows.filter((row) => row !== 'pacing');
		else if (arg === '--pacing') rows = ['pacing'];
		else if (arg === '--only') {
			const names = value().split(',');
			const unknown = names.filter((name) => !(ROWS as readonly string[]).includes(name));
			if (unknown.length > 0) throw new Error(`Unknown row(s) ${unknown.join(', ')}\n${USAGE}`);
			rows = ROWS.filter((row) => names.includes(row));
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
	return { rows, runs, expressionEngine, given: argv };
}
