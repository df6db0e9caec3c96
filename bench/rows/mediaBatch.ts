// N media runs of 1 s model time, a 1 MiB image each, stored in n8n's binary data: the Segmind
// node in requestMode sync and queue, and n8n's HTTP Request node doing the same sync requests
// (batch c per L, as the limited row), all three in one workflow against the bound ceil(N/c)·L.
import type { RequestLogEntry } from '../../emulator/server';
import { nodeExecutionTime } from '../../scripts/n8n/sandbox';
import {
	executeSampled,
	nodeCpuMs,
	nodeWindow,
	SPEC_COLUMNS,
	specCells,
	workflowId,
} from '../comparison';
import { list, ms, perItem, ratio } from '../format';
import {
	expectFiles,
	FILESYSTEM_BINARY_ENV,
	MEDIA_NODES,
	mediaWorkflow,
	type MediaContender,
	type MediaSettings,
} from '../media';
import { countByKind, expectAllOk, maxInFlight, maxQueuedInFlight } from '../requestLog';
import { median } from '../stats';
import { atMost, defineRow, type RowContext } from './row';

const FULL = { items: 200, concurrency: 10, latencyMs: 1000, fileMiB: 1, pollIntervalMs: 250 };
const SHORT = { ...FULL, items: 40 };
type Spec = typeof FULL & { name: string };
const specOf = (short: boolean): Spec => ({ name: 'media-batch', ...(short ? SHORT : FULL) });

const TARGET = { sync: 1.15, queue: 1.35 };
/** Each contender goes first as often as the others go first. */
const ORDERS: MediaContender[][] = [
	['sync', 'queue', 'http'],
	['http', 'queue', 'sync'],
];

interface Measure {
	executionMs: number;
	cpuMs: number;
	/** Model runs in progress at once: a v1 request, or a v2 submit until its result fetch. */
	inFlight: number;
	requests: Partial<Record<RequestLogEntry['kind'], number>>;
}

interface BatchRun {
	order: MediaContender[];
	measures: Record<MediaContender, Measure>;
}

interface BatchResult {
	spec: Spec;
	runs: BatchRun[];
}

const settingsOf = (spec: Spec): MediaSettings => ({
	concurrency: spec.concurrency,
	pollIntervalMs: spec.pollIntervalMs,
	httpBatching: { size: spec.concurrency, intervalMs: spec.latencyMs },
});

const workflowOf = (short: boolean, order: number) =>
	workflowId('media', `${short ? 'S' : 'F'}${order}`);

const bound = (spec: Spec) => Math.ceil(spec.items / spec.concurrency) * spec.latencyMs;

/** The log entries of one node: sent with its key while it ran (downloads carry no key). */
function entriesOf(log: RequestLogEntry[], contender: MediaContender, window: [number, number]) {
	const label = MEDIA_NODES[contender].keyLabel;
	return log.filter(
		(entry) =>
			entry.receivedAt >= window[0] &&
			entry.receivedAt <= window[1] &&
			(entry.keyLabel === label || entry.kind === 'file'),
	);
}

function checkRequests(contender: MediaContender, entries: RequestLogEntry[], items: number) {
	expectAllOk(entries, MEDIA_NODES[contender].nodeName);
	const counts = countByKind(entries);
	const billed = contender === 'queue' ? ['submit', 'result', 'file'] : ['media'];
	for (const kind of billed as Array<RequestLogEntry['kind']>) {
		if (counts[kind] !== items)
			throw new Error(
				`${MEDIA_NODES[contender].nodeName}: ${counts[kind] ?? 0} ${kind} requests for ${items} items`,
			);
	}
	return counts;
}

async function runOnce(context: RowContext, spec: Spec, run: number): Promise<BatchRun> {
	const { sandbox, emulator } = context;
	emulator.configure({ latencyMs: spec.latencyMs });
	emulator.reset();
	const { run: result, sampled } = await executeSampled(
		sandbox,
		workflowOf(context.short, run % ORDERS.length),
		{ env: FILESYSTEM_BINARY_ENV },
	);
	const order = ORDERS[run % ORDERS.length];
	const measures = {} as Record<MediaContender, Measure>;
	for (const contender of order) {
		const name = MEDIA_NODES[contender].nodeName;
		expectFiles(result, contender, spec.items, spec.fileMiB * 2 ** 20);
		const window = nodeWindow(result, name);
		const entries = entriesOf(emulator.log, contender, window);
		const requests = checkRequests(contender, entries, spec.items);
		measures[contender] = {
			executionMs: nodeExecutionTime(result, name),
			cpuMs: nodeCpuMs(result, sampled, name),
			inFlight:
				contender === 'queue'
					? maxQueuedInFlight(entries)
					: maxInFlight(entries.filter((entry) => entry.kind === 'media')),
			requests,
		};
	}
	return { order, measures };
}

const COLUMNS = [
	...SPEC_COLUMNS,
	'file (MiB)',
	'poll interval (ms)',
	'sync (ms)',
	'queue (ms)',
	'HTTP Request (ms)',
	'bound ceil(N/c)·L (ms)',
	'sync / bound',
	'queue / bound',
	'HTTP / bound',
	'sync / HTTP',
	'status polls per item (queue)',
	'n8n CPU per item (ms), sync / queue / HTTP',
	'max in flight, sync / queue / HTTP',
];

export const mediaBatch = defineRow<BatchResult>({
	name: 'media-batch',
	summary: `N = ${FULL.items}, c = ${FULL.concurrency}, L = ${FULL.latencyMs} ms, a ${FULL.fileMiB} MiB image each into binary data: this node in sync and queue mode (poll ${FULL.pollIntervalMs} ms), and the HTTP Request node, against ceil(N/c)·L`,
	shortens: true,
	workflows: (emulatorUrl) =>
		[false, true].flatMap((short) =>
			ORDERS.map((order, index) =>
				mediaWorkflow({
					id: workflowOf(short, index),
					name: `Bench media batch${short ? ' (short)' : ''}, ${order.join(' then ')}`,
					items: specOf(short).items,
					fileMiB: specOf(short).fileMiB,
					order,
					settings: settingsOf(specOf(short)),
					emulatorUrl,
				}),
			),
		),
	measure: async (context) => {
		const spec = specOf(context.short);
		const runs: BatchRun[] = [];
		for (let run = 0; run < context.runs; run++) {
			const measured = await runOnce(context, spec, run);
			context.progress(
				`${spec.name} run ${run + 1}/${context.runs}: ${measured.order.map((contender) => `${contender} ${measured.measures[contender].executionMs} ms`).join(', ')}`,
			);
			runs.push(measured);
		}
		return { spec, runs };
	},
	render: ({ spec, runs }) => {
		const of = (contender: MediaContender, pick: (measure: Measure) => number) =>
			median(runs.map((run) => pick(run.measures[contender])));
		const time = (contender: MediaContender) => of(contender, (measure) => measure.executionMs);
		const cpu = (contender: MediaContender) =>
			perItem(
				of(contender, (measure) => measure.cpuMs),
				spec.items,
			);
		const most = (contender: MediaContender) =>
			Math.max(...runs.map((run) => run.measures[contender].inFlight));
		const times = (contender: MediaContender) =>
			list(runs.map((run) => run.measures[contender].executionMs));
		const polls = runs.map((run) => (run.measures.queue.requests.status ?? 0) / spec.items);
		const limit = bound(spec);
		const [sync, queue, http] = [time('sync'), time('queue'), time('http')];
		const where = `N = ${spec.items}, c = ${spec.concurrency}, L = ${spec.latencyMs} ms, ${spec.fileMiB} MiB each`;
		return {
			table: {
				columns: COLUMNS,
				cells: [
					...specCells(spec),
					String(spec.fileMiB),
					String(spec.pollIntervalMs),
					ms(sync),
					ms(queue),
					ms(http),
					ms(limit),
					ratio(sync, limit),
					ratio(queue, limit),
					ratio(http, limit),
					ratio(sync, http),
					median(polls).toFixed(2),
					`${cpu('sync')} / ${cpu('queue')} / ${cpu('http')}`,
					`${most('sync')} / ${most('queue')} / ${most('http')}`,
				],
			},
			details: [
				`${spec.name} (${where}, n8n binary data mode filesystem): this node (concurrency ${spec.concurrency}) in requestMode sync ${times('sync')} ms; in requestMode queue (pollInterval ${spec.pollIntervalMs} ms) ${times('queue')} ms, with ${polls.map((count) => count.toFixed(2)).join(', ')} status polls per item; HTTP Request (response format file, batch ${spec.concurrency}, interval ${spec.latencyMs} ms) ${times('http')} ms; order per run: ${runs.map((run) => run.order.join(' > ')).join('; ')}.`,
			],
			targets: [
				{
					what: `media-batch: this node, sync / ceil(N/c)·L (${where})`,
					target: `<= ${TARGET.sync.toFixed(2)}`,
					measured: ratio(sync, limit),
					verdict: atMost(sync / limit, TARGET.sync),
				},
				{
					what: `media-batch: this node, queue (poll ${spec.pollIntervalMs} ms) / ceil(N/c)·L`,
					target: `<= ${TARGET.queue.toFixed(2)}`,
					measured: ratio(queue, limit),
					verdict: atMost(queue / limit, TARGET.queue),
				},
				{
					what: 'media-batch: this node, sync / HTTP Request node (same sync downloads)',
					target: '< 1.00',
					measured: ratio(sync, http),
					verdict: sync < http ? 'met' : 'missed',
				},
			],
		};
	},
});
