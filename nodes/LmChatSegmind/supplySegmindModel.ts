import type { IDataObject, INode, ISupplyDataFunctions, SupplyData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiFormatFor, readBodySettings } from '../shared/apiFormats';
import { attempt } from '../shared/badInput';
import { queuedStatus, SegmindClient, statusOutputOf } from '../shared/client';
import { DEFAULT_MODEL } from '../shared/constants';
import { apiFailureError, canceledError } from '../shared/errors';
import { checkSlug } from '../shared/values';
import { readRunSettings } from '../shared/pipeline';
import { modelOptions } from './properties';
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
	const options = context.getNodeParameter('options', itemIndex, {}) as ModelOptions &
		Partial<Record<string, unknown>>;
	const checked = attempt(() => {
		const slug = checkSlug(context.getNodeParameter('model', itemIndex, DEFAULT_MODEL));
		const apiFormat = apiFormatFor(options.apiFormat, slug);
		return { slug, apiFormat, bodySettings: readBodySettings(apiFormat, options) };
	});
	if ('failure' in checked) throw badInput(checked.failure);
	const { slug, apiFormat, bodySettings } = checked.value;
	// The AI node sends one request at a time: no pace to keep, so no requests-per-minute limit.
	const created = await SegmindClient.create(context, readRunSettings(options, modelOptions));
	if ('refused' in created) throw badInput(created.refused);
	const { client } = created;
	const ask =
		options.requestMode === 'queue'
			? async (body: IDataObject) => {
					const result = await client.queueModel(slug, body);
					return result && { outcome: result.outcome, status: queuedStatus(result) };
				}
			: async (body: IDataObject) => {
					const outcome = await client.runModel(slug, body);
					return outcome && { outcome, status: statusOutputOf(outcome) };
				};
	const { supplyModel, getParametersJsonSchema } = await loadSdk(node);
	const model = new SegmindChatModel({
		slug,
		apiFormat,
		bodySettings,
		ask,
		failure: (output) => apiFailureError(node, output, itemIndex),
		cancelled: () => canceledError(node),
		schemaOf: (tool) => getParametersJsonSchema(tool),
	});
	return supplyModel(context, model);
}
