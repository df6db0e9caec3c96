// Every row of the bench, in the order they run and print. A new row is a file in this folder
// (its workflows, scenario and renderer, see row.ts) added here; rows that need an n8n of their
// own (queue mode, say) start it in their scenario and leave the shared sandbox alone.
import { floor } from './floor';
import { limited } from './limited';
import { mediaBatch } from './mediaBatch';
import { mediaMemory } from './mediaMemory';
import { memory } from './memory';
import { pacing } from './pacing';
import { queueVsSync } from './queueVsSync';
import type { BenchRow } from './row';
import { sharedPlan } from './sharedPlan';
import { unlimited } from './unlimited';
import { workers } from './workers';

export const ROWS: BenchRow[] = [
	limited,
	unlimited,
	floor,
	memory,
	pacing,
	queueVsSync,
	workers,
	sharedPlan,
	mediaBatch,
	mediaMemory,
];
