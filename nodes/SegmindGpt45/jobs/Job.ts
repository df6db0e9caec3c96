import type { IDataObject, IPairedItemData } from 'n8n-workflow';

import type { ApiOutcome } from '../../shared/transport/ApiOutcome';
import type { JobSource as ReadAheadSource } from '../../shared/scheduling/readAhead';
import type { ApiRequest } from '../../shared/transport/request';

/** One output item to produce: a request to send, or the bad input that stops it unsent. */
export type Job = RequestJob | BadInputJob;

interface JobBase {
	/** The input item errors are reported against. */
	itemIndex: number;
	pairedItem: IPairedItemData | IPairedItemData[];
}

export interface RequestJob extends JobBase {
	request: ApiRequest;
	toOutput: (outcome: ApiOutcome) => IDataObject;
}

export interface BadInputJob extends JobBase {
	badInput: string;
}

export const isBadInput = (job: Job): job is BadInputJob => 'badInput' in job;

/** The jobs of a run, built one at a time when asked for. */
export type JobSource = ReadAheadSource<Job>;

/** What `work` returns, or the message of what it threw (bad input, a failing expression). */
export function attempt<T>(work: () => T): { value: T } | { failure: string } {
	try {
		return { value: work() };
	} catch (error) {
		return { failure: error instanceof Error ? error.message : String(error) };
	}
}

/** Builds a job; whatever stops it on the way becomes bad input for that item. */
export function prepareJob(
	itemIndex: number,
	pairedItem: IPairedItemData | IPairedItemData[],
	build: () => Omit<RequestJob, 'itemIndex' | 'pairedItem'>,
	refusedBaseUrl?: string,
): Job {
	if (refusedBaseUrl !== undefined) return { itemIndex, pairedItem, badInput: refusedBaseUrl };
	const built = attempt(build);
	return 'failure' in built
		? { itemIndex, pairedItem, badInput: built.failure }
		: { itemIndex, pairedItem, ...built.value };
}

/** One job per input item, paired to it. */
export function jobPerItem(
	count: number,
	build: (itemIndex: number) => Omit<RequestJob, 'itemIndex' | 'pairedItem'>,
	refusedBaseUrl?: string,
): JobSource {
	return {
		count,
		build: (itemIndex) =>
			prepareJob(itemIndex, { item: itemIndex }, () => build(itemIndex), refusedBaseUrl),
	};
}
