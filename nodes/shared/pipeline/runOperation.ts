import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BadInput } from '../badInput';
import { SegmindClient } from '../client';
import { apiFailureError, canceledError, errorOutputJson } from '../errors';
import { readRunSettings } from '../options';
import type { ItemOutput, ItemUnit, Operation } from './Operation';
import { runInPool, ReadAhead } from './schedule';

/** An item prepared for sending, or the bad input that stops it unsent. */
type Job = { unit: ItemUnit; prepared: unknown } | { unit: ItemUnit; badInput: BadInput };

const perItem = (items: INodeExecutionData[]): ItemUnit[] =>
	items.map((_, itemIndex) => ({ itemIndex, pairedItem: { item: itemIndex } }));

const toItem = ({ json, binary }: ItemOutput, pairedItem: ItemUnit['pairedItem']) => ({
	json: json as IDataObject,
	...(binary && { binary }),
	pairedItem,
});

const asBadInput = (error: unknown): BadInput =>
	error instanceof BadInput ? error : new BadInput((error as Error)?.message ?? String(error));

/**
 * Runs an operation over the input items: prepares each item ahead of the requests, sends
 * `concurrency` at a time through one client (paced, cancellable), and returns one output item
 * per unit, in order, each paired to its input. Under "Stop With an Error", bad input or a failed
 * request starts no further request; once those in flight end, the lowest item's failure is
 * thrown. Under either "Continue" setting, failures become items and the rest go on.
 */
export async function runOperation(
	context: IExecuteFunctions,
	operation: Operation,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const values = context.getNodeParameter('options', 0, {}) as Partial<Record<string, unknown>>;
	const settings = readRunSettings(values, operation.options);
	const continueOnFail = context.continueOnFail();
	const signal = context.getExecutionCancelSignal();
	const failures: Error[] = [];
	const cancelled = () => signal?.aborted === true;
	const stopping = () => cancelled() || failures.length > 0;
	// The base URL is checked once for every operation: refused, no item sends anything.
	const created = await SegmindClient.create(context, settings, stopping);
	const units = operation.units?.(context, items) ?? perItem(items);

	const refuse = ({ unit }: Job, badInput: BadInput) => {
		if (continueOnFail) return;
		const itemIndex = badInput.itemIndex ?? unit.itemIndex;
		failures[itemIndex] = new NodeOperationError(node, badInput.message, { itemIndex });
	};
	const prepare = (index: number): Job => {
		const unit = units[index];
		if ('refused' in created) return { unit, badInput: new BadInput(created.refused) };
		try {
			return { unit, prepared: operation.prepare(context, unit, items) };
		} catch (error) {
			return { unit, badInput: asBadInput(error) };
		}
	};
	const jobs = new ReadAhead<Job>({ count: units.length, build: prepare }, (job) => {
		if ('badInput' in job) refuse(job, job.badInput);
	});

	const produce = async (job: Job): Promise<INodeExecutionData | undefined> => {
		const { pairedItem, itemIndex } = job.unit;
		const badInputItem = (badInput: BadInput) =>
			continueOnFail ? { json: { error: badInput.message }, pairedItem } : undefined;
		if ('badInput' in job) return badInputItem(job.badInput);
		if ('refused' in created) return undefined;
		// Input read only as the request goes (a file) can still turn out bad: nothing was sent then.
		const sent = await operation.send(created.client, job.prepared, context).then(
			(answer) => ({ answer }),
			(error: unknown) => ({ error }),
		);
		if ('error' in sent) {
			if (!(sent.error instanceof BadInput)) throw sent.error;
			refuse(job, sent.error);
			return badInputItem(sent.error);
		}
		const { answer } = sent;
		if (answer === undefined) return undefined;
		const output = operation.output(job.prepared, answer, context);
		const item = toItem(output, pairedItem);
		if (output.json.success || settings.apiErrors === 'output') return item;
		const error = apiFailureError(node, output.json, itemIndex);
		if (!continueOnFail) failures[itemIndex] = error;
		if (continueOnFail && node.onError === 'continueErrorOutput') {
			return { json: errorOutputJson(error, output.json), pairedItem };
		}
		return item;
	};

	const [results] = await Promise.all([
		runInPool(
			units.length,
			settings.concurrency,
			async (index) => await produce(jobs.take(index)),
			stopping,
		),
		jobs.buildAll(stopping),
	]);
	if (cancelled()) throw canceledError(node);
	const firstFailure = failures.find((failure) => failure !== undefined);
	if (firstFailure) throw firstFailure;
	return results as INodeExecutionData[];
}
