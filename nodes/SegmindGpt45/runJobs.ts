import type { ICredentialsDecrypted, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiFailureError, errorOutputJson } from './failures';
import { isBadInput, type Job } from './Job';
import type { RunSettings } from './runSettings';
import { Pacer } from './transport/pacer';
import { runInPool } from './transport/pool';
import { sendWithRetries } from './transport/sendWithRetries';

/**
 * Sends the jobs' requests (paced, `concurrency` at a time) and returns one output item per job,
 * in job order. Bad input stops the whole run before anything is sent, unless the node continues
 * on fail. A failed request under "Stop With an Error" starts no further requests; once those in
 * flight end, the failure of the lowest item is thrown.
 */
export async function runJobs(
	context: IExecuteFunctions,
	jobs: Job[],
	settings: RunSettings,
	credential: ICredentialsDecrypted,
): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const continueOnFail = context.continueOnFail();
	const firstBadInput = jobs.find(isBadInput);
	if (firstBadInput && !continueOnFail) {
		throw new NodeOperationError(node, firstBadInput.badInput, {
			itemIndex: firstBadInput.itemIndex,
		});
	}

	const signal = context.getExecutionCancelSignal();
	const pacer = new Pacer(settings.requestsPerMinute);
	const { timeoutMs, maxRetries } = settings;
	const transport = { timeoutMs, maxRetries, pacer, credential };
	const failures: Error[] = [];
	const cancelled = () => signal?.aborted === true;

	const produce = async (job: Job): Promise<INodeExecutionData | undefined> => {
		const { pairedItem } = job;
		if (isBadInput(job)) return { json: { error: job.badInput }, pairedItem };
		const outcome = await sendWithRetries(context, job.request, transport);
		if (!outcome) return undefined;
		const output = job.toOutput(outcome);
		if (output.success || settings.apiErrors === 'output') return { json: output, pairedItem };
		const error = apiFailureError(node, output, job.itemIndex);
		if (!continueOnFail) failures[job.itemIndex] = error;
		const toErrorOutput = continueOnFail && node.onError === 'continueErrorOutput';
		return { json: toErrorOutput ? errorOutputJson(error, output) : output, pairedItem };
	};

	const results = await runInPool(
		jobs.length,
		settings.concurrency,
		async (index) => await produce(jobs[index]),
		() => cancelled() || failures.length > 0,
	);

	// n8n recognises a cancellation by this wording ("canceled") and marks the run canceled.
	if (cancelled()) throw new NodeOperationError(node, 'The execution was canceled');
	const firstFailure = failures.find((failure) => failure !== undefined);
	if (firstFailure) throw firstFailure;
	return results as INodeExecutionData[];
}
