// Every item's request at once (c = N): mostly the cost of starting N requests.
import { ALTERNATING, httpComparisonRow } from './httpComparison';

export const unlimited = httpComparisonRow(
	{ name: 'unlimited', items: 200, concurrency: 200, latencyMs: 100, orders: ALTERNATING },
	'N = c = 200, L = 100 ms: every request at once, against the HTTP Request node without batching',
	() => [],
);
