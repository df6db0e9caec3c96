import type { IDataObject, IPairedItemData } from 'n8n-workflow';

import { BadInput } from './conversation';
import type { ApiOutcome } from './transport/ApiOutcome';
import type { ApiRequest } from './transport/sendRequest';

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

/** Builds a job, turning any error on the way (bad input, a failing expression) into bad input. */
export function prepareJob(
	itemIndex: number,
	pairedItem: IPairedItemData | IPairedItemData[],
	build: () => Omit<RequestJob, 'itemIndex' | 'pairedItem'>,
	refusedBaseUrl?: string,
): Job {
	if (refusedBaseUrl !== undefined) return { itemIndex, pairedItem, badInput: refusedBaseUrl };
	try {
		return { itemIndex, pairedItem, ...build() };
	} catch (error) {
		const badInput = error instanceof Error ? error.message : String(error);
		const failedItem = error instanceof BadInput ? (error.itemIndex ?? itemIndex) : itemIndex;
		return { itemIndex: failedItem, pairedItem, badInput };
	}
}
