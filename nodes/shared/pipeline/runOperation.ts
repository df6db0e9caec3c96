import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BadInput } from '../badInput';
import { nextTurn, SegmindClient, type ClientSettings } from '../client';
import { apiFailureError, canceledError, errorOutputJson } from '../errors';
import { MIN_POLL_INTERVAL_MS } from '../options';
import type { ItemOutput, ItemUnit, Operation } from './Operation';

/** The options that shape a whole run, read once (from the first item). */
export interface RunSettings extends ClientSettings {
	apiErrors: 'output' | 'throw';
	concurrency: number;
}

/** A whole number of at least `minimum`; the fallback for anything that is not a number. */
const wholeAtLeast = (value: unknown, minimum: number, fallback: number) =>
	typeof value === 'number' && Number.isFinite(value)
		? Math.max(minimum, Math.floor(value))
		: fallback;

/**
 * The run's settings from an Options collection's values (out-of-range values clamped). An unset
 * option takes the default its definition shows, so each operation's defaults live in one place.
 */
export function readRunSettings(
	values: Partial<Record<string, unknown>>,
	definitions: INodeProperties[],
): RunSettings {
	const shown = (name: string, fallback: number) => {
		const value = definitions.find((option) => option.name === name)?.default;
		return typeof value === 'number' ? value : fallback;
	};
	const number = (name: string, minimum: number, fallback: number) =>
		wholeAtLeast(values[name], minimum, shown(name, fallback));
	const requestsPerMinute = values.requestsPerMinute;
	return {
		apiErrors: values.apiErrors === 'throw' ? 'throw' : 'output',
		timeoutMs: number('timeout', 1, 120_000),
		maxRetries: Math.min(number('maxRetries', 0, 2), 10),
		rateLimitWaitMs: number('rateLimitWait', 0, 120_000),
		pollIntervalMs: number('pollInterval', MIN_POLL_INTERVAL_MS, 1000),
		concurrency: number('concurrency', 1, 5),
		requestsPerMinute:
			typeof requestsPerMinute === 'number' && requestsPerMinute > 0 ? requestsPerMinute : 0,
	};
}

// The items of a run: built ahead of their requests, and run a few at a time.

// How long one turn of the event loop builds jobs before the requests waiting on it go on.
const SLICE_MS = 2;

/** Jobs built one at a time when asked for (reading an item's parameters evaluates its expressions). */
export interface JobBuilder<T> {
	count: number;
	build: (index: number) => T;
}

/**
 * Builds a run's jobs in input order, ahead of the requests: a slice of a few milliseconds per
 * turn of the event loop. The first requests leave at once, and bad input further down is still
 * found early, while few requests have been sent. A request that reaches its job first builds it
 * (and any before it) itself.
 */
export class ReadAhead<T> {
	private readonly built: Array<T | undefined> = [];

	private builtCount = 0;

	constructor(
		private readonly source: JobBuilder<T>,
		private readonly onBuilt: (job: T) => void,
	) {}

	/** The job at `index`, handed out once (the caller holds it from then on). */
	take(index: number): T {
		while (this.builtCount <= index) this.buildNext();
		const job = this.built[index] as T;
		this.built[index] = undefined;
		return job;
	}

	/** Builds the rest, a slice per turn, until every job is built or `stopped()` says so. */
	async buildAll(stopped: () => boolean): Promise<void> {
		const more = () => this.builtCount < this.source.count && !stopped();
		while (more()) {
			await nextTurn();
			const sliceEnd = Date.now() + SLICE_MS;
			while (more() && Date.now() < sliceEnd) this.buildNext();
		}
	}

	private buildNext() {
		const job = this.source.build(this.builtCount);
		this.built[this.builtCount++] = job;
		this.onBuilt(job);
	}
}

/**
 * Runs work(0 .. count-1) with at most `limit` running at once and returns the results in index
 * order. Once shouldStop() says so, no further work starts; what never ran stays undefined.
 */
export async function runInPool<T>(
	count: number,
	limit: number,
	work: (index: number) => Promise<T>,
	shouldStop: () => boolean = () => false,
): Promise<Array<T | undefined>> {
	const results = new Array<T | undefined>(count);
	let next = 0;
	const worker = async () => {
		while (next < count && !shouldStop()) {
			const index = next++;
			results[index] = await work(index);
		}
	};
	const workers = Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker);
	await Promise.all(workers);
	return results;
}

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
