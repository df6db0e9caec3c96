import type { IPairedItemData } from 'n8n-workflow';

import { attempt } from '../../shared/badInput';
import type { QueueLookup, QueueSubmit } from '../../shared/queue/queue';
import type { QueuedResult } from '../../shared/queue/QueuedResult';
import type { JobSource as ReadAheadSource } from '../../shared/scheduling/readAhead';
import type { StatusOutput } from '../../shared/status';
import type { ApiOutcome } from '../../shared/transport/ApiOutcome';
import type { ApiRequest } from '../../shared/transport/request';

/** One output item to produce: the requests to send for it, or the bad input that stops it unsent. */
export type Job = RequestJob | BadInputJob;

interface JobBase {
	/** The input item errors are reported against. */
	itemIndex: number;
	pairedItem: IPairedItemData | IPairedItemData[];
}

/** How a job reaches the API; each resolves undefined when the run stopped first. */
export interface JobTransport {
	/** One request that may be billed, paced and retried as the retry rules allow. */
	send: (request: ApiRequest) => Promise<ApiOutcome | undefined>;
	/** A request through Segmind's queue: submitted (paced), then polled and fetched. */
	submitAndCollect: (submit: QueueSubmit) => Promise<QueuedResult | undefined>;
	/** A request queued earlier: polled and fetched, nothing submitted. */
	collectQueued: (lookup: QueueLookup) => Promise<QueuedResult | undefined>;
}

/** Input found bad only as the job ran (an image's bytes are read just before its request). */
export interface LateBadInput {
	badInput: string;
}

/**
 * What a job does: sends its request(s) and builds its output item from what came back; or
 * finds its input bad before sending anything.
 */
export type JobWork = (transport: JobTransport) => Promise<StatusOutput | LateBadInput | undefined>;

export interface RequestJob extends JobBase {
	run: JobWork;
}

export interface BadInputJob extends JobBase {
	badInput: string;
}

export const isBadInput = (job: Job): job is BadInputJob => 'badInput' in job;

/** The jobs of a run, built one at a time when asked for. */
export type JobSource = ReadAheadSource<Job>;

/** Builds a job; whatever stops it on the way becomes bad input for that item. */
export function prepareJob(
	itemIndex: number,
	pairedItem: IPairedItemData | IPairedItemData[],
	build: () => JobWork,
	refusedBaseUrl?: string,
): Job {
	if (refusedBaseUrl !== undefined) return { itemIndex, pairedItem, badInput: refusedBaseUrl };
	const built = attempt(build);
	return 'failure' in built
		? { itemIndex, pairedItem, badInput: built.failure }
		: { itemIndex, pairedItem, run: built.value };
}

/** One job per input item, paired to it. */
export function jobPerItem(
	count: number,
	build: (itemIndex: number) => JobWork,
	refusedBaseUrl?: string,
): JobSource {
	return {
		count,
		build: (itemIndex) =>
			prepareJob(itemIndex, { item: itemIndex }, () => build(itemIndex), refusedBaseUrl),
	};
}

/** The work of a job that is one request, its output built from the outcome. */
export const oneRequest =
	(request: ApiRequest, toOutput: (outcome: ApiOutcome) => StatusOutput): JobWork =>
	async ({ send }) => {
		const outcome = await send(request);
		return outcome && toOutput(outcome);
	};
