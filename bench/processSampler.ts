// Samples the n8n processes a sandbox command runs: every process whose working directory is
// the sandbox folder (the library starts n8n there), and their descendants (the task runner).
// Records CPU time and resident memory over time, read from /proc (Linux only).
import * as fs from 'fs';

export interface Sample {
	/** Epoch ms, comparable with the startTime n8n records for a node. */
	at: number;
	/** CPU time (user + system) the tree has used so far, in ms. */
	cpuMs: number;
	/** Sum of VmRSS over the tree, in bytes. */
	rssBytes: number;
}

export interface Sampled {
	samples: Sample[];
	/** Highest sum of VmRSS over the tree at one sample, in bytes. */
	peakTreeRssBytes: number;
	/** Highest VmHWM (the kernel's own peak RSS) of any one process of the tree, in bytes. */
	peakProcessHwmBytes: number;
	/** How many distinct processes the tree had. */
	processes: number;
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ: `getconf CLK_TCK` on Linux

const readText = (file: string) => {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return undefined; // the process ended meanwhile
	}
};

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces). */
function statFields(pid: number): string[] | undefined {
	const stat = readText(`/proc/${pid}/stat`);
	return stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function statusKb(status: string, field: 'VmRSS' | 'VmHWM'): number {
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
	return match ? Number(match[1]) : 0;
}

function cwdOf(pid: string): string | undefined {
	try {
		return fs.readlinkSync(`/proc/${pid}/cwd`);
	} catch {
		return undefined;
	}
}

/**
 * Samples every `intervalMs` until stop(). The whole of /proc is scanned for new processes of
 * the tree only every `discoverEveryMs`: a scan costs a few ms, and the emulator's timers share
 * this process.
 */
export class ProcessTreeSampler {
	private readonly folder: string;
	private readonly timer: NodeJS.Timeout;
	private readonly tree = new Set<number>();
	private readonly cpuTicks = new Map<number, number>();
	private readonly hwmKb = new Map<number, number>();
	private readonly samples: Sample[] = [];
	private peakTreeKb = 0;
	private discoveredAt = 0;

	constructor(
		folder: string,
		intervalMs = 100,
		private readonly discoverEveryMs = 1000,
	) {
		this.folder = fs.realpathSync(folder);
		this.timer = setInterval(() => this.sample(), intervalMs);
	}

	private discover(): void {
		const parents = new Map<number, number>();
		for (const name of fs.readdirSync('/proc')) {
			if (!/^\d+$/.test(name)) continue;
			const pid = Number(name);
			if (this.tree.has(pid)) continue;
			if (cwdOf(name) === this.folder) this.tree.add(pid);
			else {
				const fields = statFields(pid);
				if (fields) parents.set(pid, Number(fields[1]));
			}
		}
		for (let grown = true; grown; ) {
			grown = false;
			for (const [pid, ppid] of parents) {
				if (this.tree.has(ppid) && !this.tree.has(pid)) {
					this.tree.add(pid);
					grown = true;
				}
			}
		}
	}

	private sample(): void {
		const at = Date.now();
		if (at - this.discoveredAt >= this.discoverEveryMs || this.tree.size === 0) {
			this.discover();
			this.discoveredAt = at;
		}
		let treeKb = 0;
		for (const pid of this.tree) {
			const fields = statFields(pid);
			const status = readText(`/proc/${pid}/status`);
			if (!fields || !status) continue; // ended: its last CPU figure stays counted
			// utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name.
			this.cpuTicks.set(pid, Number(fields[11]) + Number(fields[12]));
			treeKb += statusKb(status, 'VmRSS');
			this.hwmKb.set(pid, Math.max(this.hwmKb.get(pid) ?? 0, statusKb(status, 'VmHWM')));
		}
		if (this.tree.size === 0) return;
		let ticks = 0;
		for (const value of this.cpuTicks.values()) ticks += value;
		this.samples.push({
			at,
			cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND,
			rssBytes: treeKb * 1024,
		});
		this.peakTreeKb = Math.max(this.peakTreeKb, treeKb);
	}

	stop(): Sampled {
		clearInterval(this.timer);
		return {
			samples: this.samples,
			peakTreeRssBytes: this.peakTreeKb * 1024,
			peakProcessHwmBytes: Math.max(0, ...this.hwmKb.values()) * 1024,
			processes: this.hwmKb.size,
		};
	}
}

/** CPU the tree used between two moments (epoch ms), interpolated between samples. */
export function cpuMsBetween(samples: Sample[], from: number, to: number): number {
	const cpuAt = (moment: number) => {
		const after = samples.findIndex((sample) => sample.at >= moment);
		if (after === -1) return samples[samples.length - 1].cpuMs;
		if (after === 0) return samples[0].cpuMs;
		const [a, b] = [samples[after - 1], samples[after]];
		return a.cpuMs + ((b.cpuMs - a.cpuMs) * (moment - a.at)) / (b.at - a.at);
	};
	if (samples.length === 0) throw new Error('No samples of the n8n processes were taken');
	return cpuAt(to) - cpuAt(from);
}

/** The highest tree RSS sampled between two moments (epoch ms), in bytes. */
export function peakRssBetween(samples: Sample[], from: number, to: number): number {
	const within = samples.filter((sample) => sample.at >= from && sample.at <= to);
	return Math.max(0, ...within.map((sample) => sample.rssBytes));
}

/** The tree RSS at the last sample before a moment (epoch ms), in bytes. */
export function rssBefore(samples: Sample[], moment: number): number {
	const before = samples.filter((sample) => sample.at <= moment);
	return before.length > 0 ? before[before.length - 1].rssBytes : 0;
}
