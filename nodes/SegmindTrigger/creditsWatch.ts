import type { IDataObject } from 'n8n-workflow';

import type { CreditsOutput } from '../shared/actions';

/** Which balance the trigger compares with its threshold. */
export type Watching = 'total' | 'credits';

/** What one poll watches: the node's parameters. */
export interface Watch {
	threshold: number;
	watching: Watching;
}

/** The item the trigger emits. */
export type CreditsEvent = {
	credits: number | null;
	freeCredits: number | null;
	totalCredits: number | null;
	/** The watched number: totalCredits, or credits alone. */
	balance: number;
	watching: Watching;
	threshold: number;
	belowThreshold: boolean;
};

/** The watched number of a balance read, or null when the answer did not carry it. */
export const watchedBalance = (read: CreditsOutput, watching: Watching): number | null =>
	watching === 'credits' ? read.credits : read.totalCredits;

export const creditsEvent = (read: CreditsOutput, watch: Watch, balance: number): CreditsEvent => ({
	credits: read.credits,
	freeCredits: read.freeCredits,
	totalCredits: read.totalCredits,
	balance,
	watching: watch.watching,
	threshold: watch.threshold,
	belowThreshold: balance < watch.threshold,
});

/**
 * The node's static data: whether the watched balance was below the threshold at the last poll
 * that read it, and the watch that verdict belongs to. A verdict for another threshold or
 * another balance says nothing about this watch, so it counts as "not below", as before the
 * first poll.
 */
export function wasBelow(staticData: IDataObject, watch: Watch): boolean {
	return (
		staticData.belowThreshold === true &&
		staticData.threshold === watch.threshold &&
		staticData.watching === watch.watching
	);
}

/**
 * Records this poll's verdict. Only a change is written: n8n marks the workflow's static data as
 * changed on every write, and saves it when it is.
 */
export function recordVerdict(staticData: IDataObject, watch: Watch, below: boolean): void {
	if (staticData.threshold !== watch.threshold) staticData.threshold = watch.threshold;
	if (staticData.watching !== watch.watching) staticData.watching = watch.watching;
	if (staticData.belowThreshold !== below) staticData.belowThreshold = below;
}

/**
 * One poll of the state machine: fires when the balance is below the threshold and was not at
 * the last poll; the verdict is recorded either way, so a rise re-arms it.
 */
export function step(staticData: IDataObject, watch: Watch, balance: number): boolean {
	const below = balance < watch.threshold;
	const fires = below && !wasBelow(staticData, watch);
	recordVerdict(staticData, watch, below);
	return fires;
}
