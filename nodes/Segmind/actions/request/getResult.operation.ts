import type { IExecuteFunctions, INodePropertyOptions } from 'n8n-workflow';

import { BadInput } from '../../../shared/badInput';
import type { SegmindClient } from '../../../shared/client';
import { defineOperation, type ItemOutput } from '../../../shared/pipeline';
import { readRequestId } from '../../../shared/requestId';
import { collectOptions } from '../options';
import { runOutput, type StoredRun } from '../output';
import { pixelflowOutput, storePixelflowRun, type PixelflowRun } from '../pixelflow/outputs';
import { readFileSettings, storeQueuedRun, type FileSettings } from '../runFiles';

interface Lookup {
	requestId: string;
	/** How the queue the request ID belongs to is collected and output. */
	collector: Collector;
	includeRawResponse: boolean;
	files: FileSettings;
}

/** How each kind of queued run is collected (its files kept) and output. */
interface Collector {
	option: INodePropertyOptions & { value: string };
	collect(client: SegmindClient, lookup: Lookup, context: IExecuteFunctions): Promise<unknown>;
	output(lookup: Lookup, collected: unknown): ItemOutput;
}

const defineCollector = <Collected>(collector: {
	option: Collector['option'];
	collect(
		client: SegmindClient,
		lookup: Lookup,
		context: IExecuteFunctions,
	): Promise<Collected | undefined>;
	output(lookup: Lookup, collected: Collected): ItemOutput;
}): Collector => collector as Collector;

// Each queue a request id may come from.
const collectors: Collector[] = [
	defineCollector<StoredRun>({
		option: {
			name: 'Model Run (V2)',
			value: 'model',
			description: 'A Run a Model request submitted in Submit and Poll mode',
		},
		async collect(client, lookup, context) {
			const queued = await client.collectModel(lookup.requestId);
			return queued && (await storeQueuedRun(client, context, queued, lookup.files));
		},
		output: (lookup, stored) =>
			runOutput(stored, { model: null, includeRawResponse: lookup.includeRawResponse }),
	}),
	defineCollector<PixelflowRun>({
		option: {
			name: 'PixelFlow Run',
			value: 'pixelflow',
			description: 'A Run a PixelFlow request',
		},
		async collect(client, lookup, context) {
			const queued = await client.collectPixelflow(lookup.requestId);
			return queued && (await storePixelflowRun(client, context, queued, lookup.files));
		},
		output: (lookup, run) =>
			pixelflowOutput(run, { workflowId: null, includeRawResponse: lookup.includeRawResponse }),
	}),
];

const collectorOf = (queue: string): Collector => {
	const collector = collectors.find((candidate) => candidate.option.value === queue);
	if (!collector) throw new BadInput(`queue "${queue}" is not known`);
	return collector;
};

/**
 * Get Queued Result: polls and fetches a run submitted earlier, by its request id. Nothing is
 * submitted, so nothing is billed again: a workflow can submit, wait in n8n's Wait node and
 * collect later, or collect a run whose wait timed out (within the hour Segmind keeps it).
 */
export const getResult = defineOperation<Lookup, unknown>({
	resource: 'request',
	operation: {
		name: 'Get Queued Result',
		value: 'getResult',
		description: 'Collect the result of a run submitted earlier, by its request ID',
		action: 'Get queued result',
	},
	subtitle: '"Get queued result"',
	fields: [
		{
			displayName: 'Request ID',
			name: 'requestId',
			type: 'string',
			default: '={{ $json.requestId }}',
			description:
				'The requestId a Run a Model item carries in Submit and Poll mode, or a Run a PixelFlow item carries (Segmind keeps results for an hour)',
		},
		{
			displayName: 'Queue',
			name: 'queue',
			type: 'options',
			options: collectors.map((collector) => collector.option),
			default: 'model',
			description: 'Which kind of run the request ID belongs to',
		},
	],
	options: collectOptions,
	prepare(context, { itemIndex }) {
		const requestId = readRequestId(
			context,
			itemIndex,
			'a Run a Model item sent in Submit and Poll mode, or of a Run a PixelFlow item',
		);
		const collector = collectorOf(context.getNodeParameter('queue', itemIndex, 'model') as string);
		const options = context.getNodeParameter('options', itemIndex, {}) as {
			includeRawResponse?: boolean;
		};
		return {
			requestId,
			collector,
			includeRawResponse: options.includeRawResponse ?? false,
			files: readFileSettings(options),
		};
	},
	send: async (client, lookup, context) => await lookup.collector.collect(client, lookup, context),
	output: (lookup, result) => lookup.collector.output(lookup, result),
});
