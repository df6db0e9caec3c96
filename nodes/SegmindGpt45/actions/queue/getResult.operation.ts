import type { QueuedResult } from '../../../shared/client';
import { pollIntervalOption, requestOptions } from '../../../shared/options';
import { defineOperation } from '../../../shared/pipeline';
import { readRequestId } from '../../../shared/requestId';
import { includeRawResponseOption, responseFormatOption } from '../chat/messageOptions';
import { queuedMessageOutput, type MessageOutputOptions } from '../output';

interface Lookup {
	requestId: string;
	outputOptions: MessageOutputOptions;
}

/**
 * Get Queued Result: polls and fetches a request submitted earlier in queue mode, by its id.
 * Nothing is submitted, so nothing is billed again: a workflow can submit, wait in n8n's Wait
 * node and collect later, or collect an answer whose wait timed out (within the hour Segmind
 * keeps it).
 */
export const getResult = defineOperation<Lookup, QueuedResult>({
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
	prepare(context, { itemIndex }) {
		const requestId = readRequestId(
			context,
			itemIndex,
			'a Message the Model item sent in Submit and Poll mode',
		);
		const { includeRawResponse = false, responseFormat = 'text' } = context.getNodeParameter(
			'options',
			itemIndex,
			{},
		) as { includeRawResponse?: boolean; responseFormat?: string };
		return {
			requestId,
			outputOptions: {
				messages: [],
				model: null,
				jsonReply: responseFormat !== 'text',
				includeMessages: false,
				includeRawResponse,
			},
		};
	},
	send: async (client, { requestId }) => await client.collectModel(requestId),
	output: (lookup, result) => ({ json: queuedMessageOutput(result, lookup.outputOptions) }),
});
