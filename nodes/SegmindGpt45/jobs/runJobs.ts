import type { ICredentialsDecrypted, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiFailureError, errorOutputJson } from '../../shared/errors';
import { isBadInput, type Job, type JobSource, type JobTransport } from './Job';
import { JobsAhead } from '../../shared/scheduling/readAhead';
import type { RunSettings } from '../actions/runSettings';
import { Pacer } from '../../shared/scheduling/pacer';
import { runInPool } from '../../shared/scheduling/pool';
import { sendWithRetries } from '../../shared/transport/sendWithRetries';
import { collectQueued, submitAndCollect } from '../../shared/queue/queue';

/**
 * Sends the jobs' requests (paced, `concurrency` at a time) and returns one output item per job,
 * in job order. Under "Stop With an Error", bad input or a failed request starts no further
 * request (bad input is found ahead of the requests, see JobsAhead); once those in flight end,
 * the failure of the lowest item is thrown.
 */
export async function runJobs(
	context: IExecuteFunctions,
	source: JobSource,
	settings: RunSettings,
	credential: ICredentialsDecrypted,
): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const continueOnFail = context.continueOnFail();
	const signal = context.getExecutionCancelSignal();
	const failures: Error[] = [];
	const cancelled = () => signal?.aborted === true;
	const stopping = () => cancelled() || failures.length > 0;

	const refuse = (job: Job, badInput: string) => {
		if (!continueOnFail)
			failures[job.itemIndex] = new NodeOperationError(node, badInput, {
				itemIndex: job.itemIndex,
			});
	};
	const jobs = new JobsAhead<Job>(source, (job) => {
		if (isBadInput(job)) refuse(job, job.badInput);
	});
	const { timeoutMs, maxRetries, rateLimitWaitMs, pollIntervalMs } = settings;
	// One pacer for the run: it spaces the requests that may be billed (polls are not paced).
	const pacer = new Pacer(settings.requestsPerMinute);
	const sending = { timeoutMs, maxRetries, rateLimitWaitMs, pacer, credential, stopping };
	const queueing = { ...sending, pollIntervalMs };
	const transport: JobTransport = {
		send: async (request) => await sendWithRetries(context, request, sending),
		submitAndCollect: async (submit) => await submitAndCollect(context, submit, queueing),
		collectQueued: async (lookup) => await collectQueued(context, lookup, queueing),
	};

	const produce = async (job: Job): Promise<INodeExecutionData | undefined> => {
		const { pairedItem } = job;
		const badInputItem = (badInput: string) =>
			continueOnFail ? { json: { error: badInput }, pairedItem } : undefined;
		if (isBadInput(job)) return badInputItem(job.badInput);
		const output = await job.run(transport);
		if (!output) return undefined;
		if ('badInput' in output) {
			refuse(job, output.badInput);
			return badInputItem(output.badInput);
		}
		if (output.success || settings.apiErrors === 'output') return { json: output, pairedItem };
		const error = apiFailureError(node, output, job.itemIndex);
		if (!continueOnFail) failures[job.itemIndex] = error;
		const toErrorOutput = continueOnFail && node.onError === 'continueErrorOutput';
		return { json: toErrorOutput ? errorOutputJson(error, output) : output, pairedItem };
	};

	const [results] = await Promise.all([
		runInPool(
			source.count,
			settings.concurrency,
			async (index) => await produce(jobs.take(index)),
			stopping,
		),
		jobs.buildAll(stopping),
	]);
	// n8n recognises a cancellation by this wording ("canceled") and marks the run canceled.
	if (cancelled()) throw new NodeOperationError(node, 'The execution was canceled');
	const firstFailure = failures.find((failure) => failure !== undefined);
	if (firstFailure) throw firstFailure;
	return results as INodeExecutionData[];
}
