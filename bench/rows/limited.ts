// c requests in flight at a latency that dominates: how close to ceil(N/c)·L each node gets.
import { medianOf } from '../comparison';
import { ratio } from '../format';
import {
	ALTERNATING,
	httpComparisonRow,
	latencyLimit,
	type HttpComparisonSpec,
} from './httpComparison';
import { atMost } from './row';

const SPEC: HttpComparisonSpec = {
	name: 'limited',
	items: 1000,
	concurrency: 10,
	latencyMs: 100,
	httpBatching: { size: 10, intervalMs: 100 },
	orders: ALTERNATING,
};

const TARGET = { toBound: 1.05, worstToBound: 1.1 };

export const limited = httpComparisonRow(
	SPEC,
	`N = ${SPEC.items}, c = ${SPEC.concurrency}, L = ${SPEC.latencyMs} ms, against ceil(N/c)·L and the HTTP Request node`,
	(runs) => {
		const segmind = medianOf(runs, 'segmind', (m) => m.executionMs);
		const http = medianOf(runs, 'http', (m) => m.executionMs);
		const bound = latencyLimit(SPEC);
		return [
			{
				what: `limited: this node / ceil(N/c)·L (N = ${SPEC.items}, c = ${SPEC.concurrency}, L = ${SPEC.latencyMs} ms)`,
				target: `<= ${TARGET.toBound.toFixed(2)} (at worst ${TARGET.worstToBound.toFixed(2)})`,
				measured: ratio(segmind, bound),
				verdict: atMost(segmind / bound, TARGET.toBound, TARGET.worstToBound),
			},
			{
				what: 'limited: this node / HTTP Request node',
				target: '<= 1.00',
				measured: ratio(segmind, http),
				verdict: atMost(segmind / http, 1),
			},
		];
	},
);
