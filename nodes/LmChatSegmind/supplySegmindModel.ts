import type { IDataObject, INode, ISupplyDataFunctions, SupplyData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiFormatFor, readBodySettings } from '../shared/apiFormats';
import { attempt } from '../shared/badInput';
import { DEFAULT_MODEL } from '../shared/constants';
import { apiFailureError } from '../shared/errors';
import { readPollInterval } from '../shared/options/queueOptions';
import { readTransportOptions } from '../shared/options/transportOptions';
import { submitAndCollect } from '../shared/queue/queue';
import { queuedStatus } from '../shared/queue/queuedStatus';
import { statusOutputOf } from '../shared/status';
import { Pacer } from '../shared/scheduling/pacer';
import { readCredential } from '../shared/transport/credential';
import { sendWithRetries } from '../shared/transport/sendWithRetries';
import { SegmindChatModel } from './SegmindChatModel';

/**
 * n8n's AI node SDK, loaded only when a model is asked for: n8n 1.x has none, and a failing import
 * at load time would take the whole package down with it.
 */
async function loadSdk(node: INode) {
	try {
		return await import('@n8n/ai-node-sdk');
	} catch {
		throw new NodeOperationError(
			node,
			"The Segmind Chat Model needs n8n 2.16 or later: it runs on n8n's AI node SDK, which this n8n does not have. The Segmind GPT-4.5 node works on this n8n.",
		);
	}
}

interface ModelOptions {
	apiFormat?: string;
	requestMode?: 'sync' | 'queue';
	temperature?: number;
	maxTokens?: number;
	extraBody?: unknown;
}

/** The model n8n's AI node asked for, built from the node's parameters and the credential. */
export async function supplySegmindModel(
	context: ISupplyDataFunctions,
	itemIndex: number,
): Promise<SupplyData> {
	const node = context.getNode();
	const badInput = (message: string) => new NodeOperationError(node, message, { itemIndex });
	const slug = String(context.getNodeParameter('model', itemIndex, DEFAULT_MODEL)).trim();
	if (slug === '') throw badInput('model is empty: name a Segmind model slug such as gpt-4o');
	const options = context.getNodeParameter('options', itemIndex, {}) as ModelOptions &
		Partial<Record<string, unknown>>;
	const apiFormat = attempt(() => apiFormatFor(options.apiFormat, slug));
	if ('failure' in apiFormat) throw badInput(apiFormat.failure);
	const bodySettings = attempt(() => readBodySettings(apiFormat.value, options));
	if ('failure' in bodySettings) throw badInput(bodySettings.failure);
	const { credential, apiRoot } = await readCredential(context);
	if (apiRoot.refused !== undefined) throw badInput(apiRoot.refused);

	const signal = context.getExecutionCancelSignal();
	const transport = {
		...readTransportOptions(options),
		// The AI node sends one request at a time: no pace to keep but one start per turn.
		pacer: new Pacer(0),
		credential,
		stopping: () => signal?.aborted === true,
	};
	const url = `${apiRoot.root}/v1/${encodeURIComponent(slug)}`;
	const queue = { ...transport, pollIntervalMs: readPollInterval(options) };
	const ask =
		options.requestMode === 'queue'
			? async (body: IDataObject) => {
					const result = await submitAndCollect(
						context,
						{ root: apiRoot.root, model: slug, body },
						queue,
					);
					return result && { outcome: result.outcome, status: queuedStatus(result) };
				}
			: async (body: IDataObject) => {
					const outcome = await sendWithRetries(context, { method: 'POST', url, body }, transport);
					return outcome && { outcome, status: statusOutputOf(outcome) };
				};
	const { supplyModel, getParametersJsonSchema } = await loadSdk(node);
	const model = new SegmindChatModel({
		slug,
		apiFormat: apiFormat.value,
		bodySettings: bodySettings.value,
		ask,
		failure: (output) => apiFailureError(node, output, itemIndex),
		// n8n recognises a cancellation by this wording ("canceled") and marks the run canceled.
		cancelled: () => new NodeOperationError(node, 'The execution was canceled'),
		schemaOf: (tool) => getParametersJsonSchema(tool),
	});
	return supplyModel(context, model);
}
