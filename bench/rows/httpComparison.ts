// Rows comparing this node with n8n's HTTP Request node at a fixed latency, against the bound
// ceil(N/c)·L that the latency alone sets.
import {
	comparisonWorkflows,
	medianOf,
	mostInFlight,
	runComparison,
	SPEC_COLUMNS,
	specCells,
	type ComparisonRun,
	type ComparisonSpec,
} from '../comparison';
import { list, ms, perItem, ratio } from '../format';
import { defineRow, type BenchRow, type TargetCheck } from './row';

type Contender = 'segmind' | 'http';
export type HttpComparisonSpec = ComparisonSpec<Contender>;

/** Both nodes go first in turn. */
export const ALTERNATING: Contender[][] = [
	['segmind', 'http'],
	['http', 'segmind'],
];

/** The latency limit: ceil(N/c) rounds of L each, with c requests in flight. */
export const latencyLimit = (spec: ComparisonSpec) =>
	Math.ceil(spec.items / spec.concurrency) * spec.latencyMs;

const COLUMNS = [
	...SPEC_COLUMNS,
	'this node (ms)',
	'HTTP Request (ms)',
	'latency limit ceil(N/c)·L (ms)',
	'this / limit',
	'HTTP / limit',
	'this / HTTP',
	'max in flight, this / HTTP',
	'n8n CPU per item (ms), this / HTTP',
	'first request after (ms), this / HTTP',
];

export const httpSetting = (spec: ComparisonSpec) =>
	spec.httpBatching
		? `batch ${spec.httpBatching.size}, interval ${spec.httpBatching.intervalMs} ms`
		: 'no batching';

export function httpComparisonRow(
	spec: HttpComparisonSpec,
	summary: string,
	targets: (runs: Array<ComparisonRun<Contender>>) => TargetCheck[],
): BenchRow {
	return defineRow({
		name: spec.name,
		summary,
		workflows: (emulatorUrl) => comparisonWorkflows(spec, emulatorUrl),
		measure: (context) => runComparison(context, spec),
		render: (runs) => {
			const of = (contender: Contender, pick: Parameters<typeof medianOf>[2]) =>
				medianOf(runs, contender, pick);
			const segmind = of('segmind', (m) => m.executionMs);
			const http = of('http', (m) => m.executionMs);
			const limit = latencyLimit(spec);
			const cpu = (contender: Contender) =>
				perItem(
					of(contender, (m) => m.cpuMs),
					spec.items,
				);
			const first = (contender: Contender) => ms(of(contender, (m) => m.firstRequestMs));
			const times = (contender: Contender) =>
				list(runs.map((run) => run.measures[contender].executionMs));
			return {
				table: {
					columns: COLUMNS,
					cells: [
						...specCells(spec),
						ms(segmind),
						ms(http),
						ms(limit),
						ratio(segmind, limit),
						ratio(http, limit),
						ratio(segmind, http),
						`${mostInFlight(runs, 'segmind')} / ${mostInFlight(runs, 'http')}`,
						`${cpu('segmind')} / ${cpu('http')}`,
						`${first('segmind')} / ${first('http')}`,
					],
				},
				details: [
					`${spec.name}: this node (concurrency ${spec.concurrency}) ${times('segmind')} ms; HTTP Request (${httpSetting(spec)}) ${times('http')} ms; node run first: ${runs.map((run) => run.order[0]).join(', ')}.`,
				],
				targets: targets(runs),
			};
		},
	});
}
