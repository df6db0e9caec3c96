import type {
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { creditsOutput } from '../shared/actions';
import { SegmindClient, type ApiOutcome } from '../shared/client';
import { CREDENTIAL_NAME } from '../shared/constants';
import { apiFailureError } from '../shared/errors';
import { maxRetriesOption, optionsCollectionOf, timeoutOption } from '../shared/options';
import { readRunSettings } from '../shared/pipeline';
import { creditsEvent, step, watchedBalance, type Watch } from './creditsWatch';

// A poll runs every minute at most: one balance read must end well within that.
const triggerOptions: INodeProperties[] = [
	{
		...timeoutOption,
		default: 30000,
		description:
			'Milliseconds to wait for the balance before this poll gives up (the next poll tries again)',
	},
	{
		...maxRetriesOption,
		description:
			'Retries of one poll after a 5xx or a refused connection, with exponential backoff. A 429 or a timeout waits for the next poll.',
	},
];

/**
 * A failure that passes by itself (rate limit, server error, no answer): a poll emits nothing
 * and the next one reads again. n8n runs a poll when the workflow is activated, and refuses to
 * activate it when that poll throws.
 */
const isPassing = (outcome: ApiOutcome): boolean =>
	!outcome.answered || outcome.statusCode === 429 || outcome.statusCode >= 500;

export class SegmindTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Segmind Trigger',
		name: 'segmindTrigger',
		icon: { light: 'file:segmind.svg', dark: 'file:segmind.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ($parameter["balance"] === "credits" ? "Paid credits" : "Credits") + " below " + $parameter["threshold"] }}',
		description:
			'Starts the workflow once when the Segmind credit balance falls below a threshold, and again only after it has risen above it',
		defaults: { name: 'Segmind Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Credits Fall Below a Threshold',
						value: 'creditsBelow',
						description:
							'Once when the balance drops below the threshold; again only after a poll sees it at or above the threshold',
					},
				],
				default: 'creditsBelow',
			},
			{
				displayName: 'Threshold',
				name: 'threshold',
				type: 'number',
				default: 1,
				description: 'The workflow starts when the watched balance is below this many credits',
			},
			{
				displayName: 'Balance',
				name: 'balance',
				type: 'options',
				options: [
					{
						name: 'Credits Plus Free Credits',
						value: 'total',
						description: 'Everything the account can still spend',
					},
					{
						name: 'Paid Credits Only',
						value: 'credits',
						description: 'Free credits are left out',
					},
				],
				default: 'total',
				description: 'Which balance is compared with the threshold',
			},
			optionsCollectionOf(triggerOptions),
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const threshold = this.getNodeParameter('threshold', 1) as number;
		if (typeof threshold !== 'number' || !Number.isFinite(threshold)) {
			throw new NodeOperationError(node, 'Threshold must be a number');
		}
		const watch: Watch = {
			threshold,
			watching: this.getNodeParameter('balance', 'total') === 'credits' ? 'credits' : 'total',
		};
		const values = this.getNodeParameter('options', {}) as Partial<Record<string, unknown>>;
		// A 429 is never waited on: the next poll is the retry.
		const settings = { ...readRunSettings(values, triggerOptions), rateLimitWaitMs: 0 };
		const created = await SegmindClient.create(this, settings, () => false);
		if ('refused' in created) throw new NodeOperationError(node, created.refused);

		// "Fetch Test Event" shows the balance now, or why it cannot, and leaves the state alone.
		const manual = this.getMode() === 'manual';
		const outcome = await created.client.getCredits();
		if (outcome === undefined) return null;
		const read = creditsOutput(outcome);
		if (!read.success) {
			const error = apiFailureError(node, read);
			if (manual || !isPassing(outcome)) throw error;
			this.logger.warn(
				`${node.name}: the balance could not be read (${error.message}); the next poll reads it again`,
			);
			return null;
		}
		const balance = watchedBalance(read, watch.watching);
		if (balance === null) {
			const message = `The balance answer carried no ${watch.watching === 'credits' ? 'credits' : 'credits or free-credits'} field`;
			if (manual) throw new NodeOperationError(node, message);
			this.logger.warn(`${node.name}: ${message}; this poll emits nothing`);
			return null;
		}
		const emitted = [[{ json: creditsEvent(read, watch, balance) }]];
		if (manual) return emitted;

		// The state lives in the workflow's static data, which n8n keeps between polls.
		return step(this.getWorkflowStaticData('node'), watch, balance) ? emitted : null;
	}
}
