// Segmind's v2 queue (submit, poll, fetch) against one request per item: the same items at a
// latency long enough for polls to count, through this node in requestMode sync, then queue
// (which goes first changes from run to run); wall time, requests sent by kind, n8n's CPU.
import { nodeExecutionTime } from '../../scripts/n8n/sandbox';
import type { RequestKind } from '../../emulator/server';
import {
	executeSampled,
	expectSuccess,
	nodeCpuMs,
	SPEC_COLUMNS,
	specCells,
	workflowId,
} from '../comparison';
import { CREDENTIALS, KEYS } from '../credentials';
import { list, ms, perItem, ratio } from '../format';
import { countByKind, expectAllOk, maxInFlight, maxQueuedInFlight, sentWith } from '../requestLog';
import { median } from '../stats';
import { benchWorkflow, SEGMIND_NODE } from '../workflow';
import { defineRow, type RowContext } from './row';

const SPEC = {
	name: 'queue-vs-sync',
	items: 200,
	concurrency: 20,
	latencyMs: 2000,
	/** The node's default, and Segmind's own client's. */
	pollIntervalMs: 1000,
};

type Mode = 'sync' | 'queue';
const MODES: Mode[] = ['sync', 'queue'];
const QUEUE_KINDS: RequestKind[] = ['submit', 'status', 'result'];

interface ModeRun {
	executionMs: number;
	cpuMs: number;
	requests: Partial<Record<RequestKind, number>>;
	/** The most items in progress at once: a chat request, or a submit until its result came. */
	inFlight: number;
}

type QueueVsSyncRun = Record<Mode, ModeRun>;

const modeWorkflow = (mode: Mode) => workflowId('queue', mode === 'sync' ? 'S' : 'Q');

async function runMode({ sandbox, emulator }: RowContext, mode: Mode): Promise<ModeRun> {
	emulator.configure({ latencyMs: SPEC.latencyMs });
	emulator.reset();
	const { run, sampled } = await executeSampled(sandbox, modeWorkflow(mode));
	expectSuccess(run, SEGMIND_NODE, SPEC.items);
	const sent = sentWith(emulator.log, KEYS.segmind.label);
	expectAllOk(sent, `${SEGMIND_NODE} (${mode})`);
	const requests = countByKind(sent);
	// Every item billed once: one chat request, or one submit and one result fetch.
	const billedKinds: RequestKind[] = mode === 'sync' ? ['chat'] : ['submit', 'result'];
	for (const kind of billedKinds) {
		if (requests[kind] !== SPEC.items)
			throw new Error(`${mode}: ${requests[kind] ?? 0} ${kind} requests for ${SPEC.items} items`);
	}
	return {
		executionMs: nodeExecutionTime(run, SEGMIND_NODE),
		cpuMs: nodeCpuMs(run, sampled, SEGMIND_NODE),
		requests,
		inFlight: mode === 'sync' ? maxInFlight(sent) : maxQueuedInFlight(sent),
	};
}

const COLUMNS = [
	...SPEC_COLUMNS,
	'poll interval (ms)',
	'sync (ms)',
	'queue (ms)',
	'queue / sync',
	'requests sync: chat',
	'requests queue: submit / status / result',
	'n8n CPU per item (ms), sync / queue',
	'max items in flight, sync / queue',
];

export const queueVsSync = defineRow<QueueVsSyncRun[]>({
	name: SPEC.name,
	summary: `N = ${SPEC.items}, c = ${SPEC.concurrency}, L = ${SPEC.latencyMs} ms: requestMode sync against queue (poll every ${SPEC.pollIntervalMs} ms)`,
	slow: true,
	workflows: (emulatorUrl) =>
		MODES.map((mode) =>
			benchWorkflow({
				id: modeWorkflow(mode),
				name: `Bench queue vs sync, ${mode}`,
				items: SPEC.items,
				emulatorUrl,
				branches: [
					{
						kind: 'segmind',
						settings: {
							credential: CREDENTIALS.segmind,
							concurrency: SPEC.concurrency,
							...(mode === 'queue' ? { queue: { pollIntervalMs: SPEC.pollIntervalMs } } : {}),
						},
					},
				],
			}),
		),
	measure: async (context) => {
		const runs: QueueVsSyncRun[] = [];
		for (let run = 0; run < context.runs; run++) {
			const order = run % 2 === 0 ? MODES : [...MODES].reverse();
			const measured = {} as QueueVsSyncRun;
			for (const mode of order) measured[mode] = await runMode(context, mode);
			context.progress(
				`${SPEC.name} run ${run + 1}/${context.runs}: ${order.map((mode) => `${mode} ${measured[mode].executionMs} ms`).join(', ')}`,
			);
			runs.push(measured);
		}
		return runs;
	},
	render: (runs) => {
		const of = (mode: Mode, pick: (run: ModeRun) => number) =>
			median(runs.map((run) => pick(run[mode])));
		const time = (mode: Mode) => of(mode, (run) => run.executionMs);
		const requests = (mode: Mode, kind: RequestKind) =>
			ms(of(mode, (run) => run.requests[kind] ?? 0));
		const cpu = (mode: Mode) =>
			perItem(
				of(mode, (run) => run.cpuMs),
				SPEC.items,
			);
		const inFlight = (mode: Mode) => Math.max(...runs.map((run) => run[mode].inFlight));
		const polls = runs.map((run) => run.queue.requests.status ?? 0);
		return {
			table: {
				columns: COLUMNS,
				cells: [
					...specCells(SPEC),
					String(SPEC.pollIntervalMs),
					ms(time('sync')),
					ms(time('queue')),
					ratio(time('queue'), time('sync')),
					requests('sync', 'chat'),
					QUEUE_KINDS.map((kind) => requests('queue', kind)).join(' / '),
					`${cpu('sync')} / ${cpu('queue')}`,
					`${inFlight('sync')} / ${inFlight('queue')}`,
				],
			},
			details: [
				`${SPEC.name}: this node (concurrency ${SPEC.concurrency}) in requestMode sync ${list(runs.map((run) => run.sync.executionMs))} ms; in requestMode queue (pollInterval ${SPEC.pollIntervalMs} ms) ${list(runs.map((run) => run.queue.executionMs))} ms, with ${list(polls)} status polls (${polls.map((count) => (count / SPEC.items).toFixed(2)).join(', ')} per item); mode run first: ${runs.map((_, run) => MODES[run % 2]).join(', ')}.`,
			],
			targets: [],
		};
	},
});
