import { BadInput } from '../../../shared/badInput';
import { jobPerItem } from '../../jobs/Job';
import type { Action } from '../Action';
import { includeRawResponseOption, responseFormatOption } from '../chat/messageOptions';
import { requestOptions } from '../commonOptions';
import { queuedMessageOutput } from '../output';
import { pollIntervalOption } from '../../../shared/options/queueOptions';

/**
 * Get Queued Result: polls and fetches a request submitted earlier in queue mode, by its id.
 * Nothing is submitted, so nothing is billed again: a workflow can submit, wait in n8n's Wait
 * node and collect later, or collect an answer whose wait timed out (within the hour Segmind
 * keeps it).
 */
export const getResult: Action = {
	operation: {
		name: 'Get Queued Result',
		value: 'getResult',
		description: 'Collect the answer of a request submitted in queue mode, by its request ID',
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
				'The requestId a Message the Model node output in Submit and Poll mode (Segmind keeps results for an hour)',
		},
	],
	options: [includeRawResponseOption, pollIntervalOption, responseFormatOption, ...requestOptions],
	jobs: (context, items, apiRoot) =>
		jobPerItem(
			items.length,
			(itemIndex) => {
				const given = context.getNodeParameter('requestId', itemIndex, '');
				const requestId =
					typeof given === 'string' || typeof given === 'number' ? String(given).trim() : '';
				if (requestId === '') {
					throw new BadInput(
						'requestId is empty: pass the requestId of a Message the Model item sent in Submit and Poll mode',
					);
				}
				const { includeRawResponse = false, responseFormat = 'text' } = context.getNodeParameter(
					'options',
					itemIndex,
					{},
				) as { includeRawResponse?: boolean; responseFormat?: string };
				const outputOptions = {
					messages: [],
					model: null,
					jsonReply: responseFormat !== 'text',
					includeMessages: false,
					includeRawResponse,
				};
				return async ({ collectQueued }) => {
					const result = await collectQueued({ root: apiRoot.root, requestId });
					return result && queuedMessageOutput(result, outputOptions);
				};
			},
			apiRoot.refused,
		),
};
