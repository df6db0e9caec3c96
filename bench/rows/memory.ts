// Peak memory of n8n with N = 10,000 items through each node, one run each.
import { nodeExecutionTime } from '../../scripts/n8n/sandbox';
import { executeSampled, expectSuccess, nodeCpuMs, nodeWindow, workflowId } from '../comparison';
import { CREDENTIALS, KEYS } from '../credentials';
import { mib, ms } from '../format';
import { peakRssBetween, rssBefore } from '../processSampler';
import { expectAllAnswered, sentWith } from '../requestLog';
import { benchWorkflow, HTTP_NODE, SEGMIND_NODE } from '../workflow';
import { atMost, defineRow, type RowContext } from './row';

const MEMORY = { items: 10_000, concurrency: 10, latencyMs: 0 };
const TARGET_BYTES = 1e9;

interface MemoryRun {
	executionMs: number;
	cpuMs: number;
	/** Over the whole `n8n execute`: start-up, the run, printing the run's JSON. */
	peakTreeRssBytes: number;
	peakProcessHwmBytes: number;
	/** Tree RSS as the node started (n8n and the N items before it), and its peak while it ran. */
	rssAtNodeStartBytes: number;
	peakRssDuringNodeBytes: number;
}

type Which = 'segmind' | 'http';

/** One n8n run of the N = 10,000 workflow for one node, sampling the n8n processes' memory. */
async function runMemory({ sandbox, emulator }: RowContext, which: Which): Promise<MemoryRun> {
	emulator.configure({ latencyMs: MEMORY.latencyMs });
	emulator.reset();
	const { run: result, sampled } = await executeSampled(
		sandbox,
		workflowId('memory', which === 'segmind' ? 'S' : 'H'),
	);
	const [nodeName, label] =
		which === 'segmind' ? [SEGMIND_NODE, KEYS.segmind.label] : [HTTP_NODE, KEYS.http.label];
	expectSuccess(result, nodeName, MEMORY.items);
	expectAllAnswered(sentWith(emulator.log, label), MEMORY.items, nodeName);
	const [start, end] = nodeWindow(result, nodeName);
	return {
		executionMs: nodeExecutionTime(result, nodeName),
		cpuMs: nodeCpuMs(result, sampled, nodeName),
		peakTreeRssBytes: sampled.peakTreeRssBytes,
		peakProcessHwmBytes: sampled.peakProcessHwmBytes,
		rssAtNodeStartBytes: rssBefore(sampled.samples, start),
		peakRssDuringNodeBytes: peakRssBetween(sampled.samples, start, end),
	};
}

const phases = (run: MemoryRun) =>
	`${mib(run.rssAtNodeStartBytes)} as the node started, ${mib(run.peakRssDuringNodeBytes)} at most while it ran (${ms(run.executionMs)} ms, ${ms(run.cpuMs)} ms CPU); largest single-process VmHWM ${mib(run.peakProcessHwmBytes)}`;

export const memory = defineRow<Record<Which, MemoryRun>>({
	name: 'memory',
	summary: `N = ${MEMORY.items}: peak memory of n8n with this node, and with the HTTP Request node`,
	workflows: (emulatorUrl) => [
		benchWorkflow({
			id: workflowId('memory', 'S'),
			name: 'Bench memory, this node',
			items: MEMORY.items,
			emulatorUrl,
			branches: [
				{
					kind: 'segmind',
					settings: { credential: CREDENTIALS.segmind, concurrency: MEMORY.concurrency },
				},
			],
		}),
		benchWorkflow({
			id: workflowId('memory', 'H'),
			name: 'Bench memory, HTTP Request',
			items: MEMORY.items,
			emulatorUrl,
			branches: [{ kind: 'http', settings: { credential: CREDENTIALS.http } }],
		}),
	],
	measure: async (context) => {
		const segmind = await runMemory(context, 'segmind');
		context.progress(`memory, this node: peak ${mib(segmind.peakTreeRssBytes)}`);
		const http = await runMemory(context, 'http');
		context.progress(`memory, HTTP Request: peak ${mib(http.peakTreeRssBytes)}`);
		return { segmind, http };
	},
	render: ({ segmind, http }) => ({
		details: [
			`memory, N = ${MEMORY.items} (L = ${MEMORY.latencyMs} ms): peak RSS of the n8n process tree over the whole \`n8n execute\` with this node (c = ${MEMORY.concurrency}) ${mib(segmind.peakTreeRssBytes)}; ${phases(segmind)}. With the HTTP Request node (no batching): ${mib(http.peakTreeRssBytes)}; ${phases(http)}.`,
		],
		targets: [
			{
				what: `memory: peak RSS of n8n with this node, N = ${MEMORY.items}`,
				target: `< 1 GB (${mib(TARGET_BYTES)})`,
				measured: mib(segmind.peakTreeRssBytes),
				verdict: atMost(segmind.peakTreeRssBytes, TARGET_BYTES),
			},
		],
	}),
});
