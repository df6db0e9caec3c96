// One 1 GiB output file into n8n's binary data in filesystem mode: how much the n8n process
// tree's RSS grows while the node runs, for this node (sync: the file is the answer's body,
// streamed) and for n8n's HTTP Request node (response format file) doing the same request.
import { nodeExecutionTime } from '../../scripts/n8n/sandbox';
import { executeSampled, nodeCpuMs, nodeWindow, workflowId } from '../comparison';
import { mib, ms } from '../format';
import { expectFiles, FILESYSTEM_BINARY_ENV, MEDIA_NODES, mediaWorkflow } from '../media';
import { peakRssBetween, rssBefore } from '../processSampler';
import { expectAllAnswered, sentWith } from '../requestLog';
import { atMost, defineRow, type RowContext } from './row';

const FULL = { fileMiB: 1024 };
const SHORT = { fileMiB: 64 };
const fileMiBOf = (short: boolean) => (short ? SHORT : FULL).fileMiB;
const TARGET_GROWTH_BYTES = 200 * 2 ** 20;

type Which = 'sync' | 'http';
const WHICH: Which[] = ['sync', 'http'];

interface MemoryRun {
	executionMs: number;
	cpuMs: number;
	/** Tree RSS at the last sample before the node started, and the most while it ran. */
	rssAtNodeStartBytes: number;
	peakRssDuringNodeBytes: number;
	/** Over the whole `n8n execute`. */
	peakTreeRssBytes: number;
	peakProcessHwmBytes: number;
}

interface MemoryResult {
	fileMiB: number;
	runs: Record<Which, MemoryRun>;
}

const workflowOf = (short: boolean, which: Which) =>
	workflowId('mediaMem', `${short ? 'S' : 'F'}${which === 'sync' ? 'S' : 'H'}`);

const growth = (run: MemoryRun) =>
	Math.max(0, run.peakRssDuringNodeBytes - run.rssAtNodeStartBytes);

async function runMemory(
	{ sandbox, emulator, short }: RowContext,
	which: Which,
): Promise<MemoryRun> {
	const fileMiB = fileMiBOf(short);
	emulator.configure({ latencyMs: 0 });
	emulator.reset();
	const { run: result, sampled } = await executeSampled(sandbox, workflowOf(short, which), {
		env: FILESYSTEM_BINARY_ENV,
	});
	const { nodeName: name, keyLabel } = MEDIA_NODES[which];
	expectFiles(result, which, 1, fileMiB * 2 ** 20);
	expectAllAnswered(sentWith(emulator.log, keyLabel), 1, name);
	const [start, end] = nodeWindow(result, name);
	return {
		executionMs: nodeExecutionTime(result, name),
		cpuMs: nodeCpuMs(result, sampled, name),
		rssAtNodeStartBytes: rssBefore(sampled.samples, start),
		peakRssDuringNodeBytes: peakRssBetween(sampled.samples, start, end),
		peakTreeRssBytes: sampled.peakTreeRssBytes,
		peakProcessHwmBytes: sampled.peakProcessHwmBytes,
	};
}

const phases = (run: MemoryRun) =>
	`${mib(run.rssAtNodeStartBytes)} as the node started, ${mib(run.peakRssDuringNodeBytes)} at most while it ran (growth ${mib(growth(run))}; ${ms(run.executionMs)} ms, ${ms(run.cpuMs)} ms CPU); peak over the whole \`n8n execute\` ${mib(run.peakTreeRssBytes)}, largest single-process VmHWM ${mib(run.peakProcessHwmBytes)}`;

export const mediaMemory = defineRow<MemoryResult>({
	name: 'media-memory',
	summary: `one ${FULL.fileMiB} MiB output file into filesystem binary data: n8n's RSS growth with this node (sync), and with the HTTP Request node`,
	shortens: true,
	workflows: (emulatorUrl) =>
		[false, true].flatMap((short) =>
			WHICH.map((which) =>
				mediaWorkflow({
					id: workflowOf(short, which),
					name: `Bench media memory${short ? ' (short)' : ''}, ${which}`,
					items: 1,
					fileMiB: fileMiBOf(short),
					order: [which],
					settings: { concurrency: 1, pollIntervalMs: 2000 },
					emulatorUrl,
				}),
			),
		),
	measure: async (context) => {
		const runs = {} as Record<Which, MemoryRun>;
		for (const which of WHICH) {
			runs[which] = await runMemory(context, which);
			context.progress(
				`media-memory, ${which}: RSS growth ${mib(growth(runs[which]))} (${ms(runs[which].executionMs)} ms)`,
			);
		}
		return { fileMiB: fileMiBOf(context.short), runs };
	},
	render: ({ fileMiB, runs }) => ({
		details: [
			`media-memory, one ${fileMiB} MiB file (\`#emulate:huge:${fileMiB}\`, L = 0, n8n binary data mode filesystem), one run each: RSS of the n8n process tree with this node (requestMode sync, the file is the answer's body) ${phases(runs.sync)}. With the HTTP Request node (response format file): ${phases(runs.http)}.`,
		],
		targets: [
			{
				what: `media-memory: n8n's RSS growth while this node stores one ${fileMiB} MiB file (HTTP Request node: ${mib(growth(runs.http))})`,
				target: `< ${mib(TARGET_GROWTH_BYTES)}`,
				measured: mib(growth(runs.sync)),
				verdict: atMost(growth(runs.sync), TARGET_GROWTH_BYTES - 1),
			},
		],
	}),
});
