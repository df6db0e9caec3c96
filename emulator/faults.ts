// Which fault, if any, a chat request gets: a `#emulate:<name>` directive first, else a seeded draw.
import type { Directive, FaultKind, FaultOptions, QueueDirective } from './types';

export const FAULT_KINDS: FaultKind[] = [
	'500',
	'502',
	'503',
	'429',
	'reset',
	'slow',
	'malformed',
	'hang',
];

/** What a status poll or result fetch can get at random (no normal answer to make slow or malformed). */
export const POLL_FAULT_KINDS: FaultKind[] = ['500', '502', '503', '429', 'reset', 'hang'];

export const QUEUE_DIRECTIVES: QueueDirective[] = [
	'poll-500',
	'poll-429',
	'poll-reset',
	'fetch-reset',
	'never-completes',
	'model-failed',
];

export const DIRECTIVES: Directive[] = [
	...FAULT_KINDS,
	'html500',
	'empty500',
	'nonjson',
	...QUEUE_DIRECTIVES,
];

export const DEFAULT_SLOW_MS = 2000;

/** mulberry32: small, fast and the same sequence for the same seed on every run. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class FaultPicker {
	private readonly random: () => number;

	constructor(private readonly options: FaultOptions | null) {
		this.random = seededRandom(options?.seed ?? 1);
	}

	get slowMs(): number {
		return this.options?.slowMs ?? DEFAULT_SLOW_MS;
	}

	/** Draws only when faults are on, so the sequence depends on the requests that reach it. */
	pick(): FaultKind | undefined {
		const { rate = 0, kinds = [] } = this.options ?? {};
		if (rate <= 0 || kinds.length === 0) return undefined;
		if (this.random() >= rate) return undefined;
		return kinds[Math.floor(this.random() * kinds.length)];
	}
}

/** The directive in a message's content: undefined when there is none, an error text when unknown. */
export function parseDirective(content: string): { directive?: Directive; error?: string } {
	const match = /#emulate:([\w-]+)/.exec(content);
	if (!match) return {};
	const name = match[1] as Directive;
	if (!DIRECTIVES.includes(name)) {
		return {
			error: `Unknown emulator directive #emulate:${match[1]} (known: ${DIRECTIVES.join(', ')})`,
		};
	}
	return { directive: name };
}
