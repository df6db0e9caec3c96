import type { INodeParameters } from 'n8n-workflow';

import { SEGMIND_ANY_MODEL_NODE_TYPE } from './packageNodes';
import type { SegmindNodeSpec } from './runWorkflow';

/** The Model parameter in one of its modes. */
export const modelIn = (mode: 'list' | 'id' | 'url', value: string) => ({
	__rl: true,
	mode,
	value,
});

/** Run a Model with a JSON body (an object, or the text as the editor keeps it). */
export const runModel = (
	slug: string,
	body: object | string = { prompt: 'a red fox' },
	options: INodeParameters = {},
	model = modelIn('id', slug),
): SegmindNodeSpec => ({
	type: SEGMIND_ANY_MODEL_NODE_TYPE,
	parameters: {
		resource: 'model',
		operation: 'run',
		model,
		parametersMode: 'json',
		parametersJson: typeof body === 'string' ? body : JSON.stringify(body),
		options,
	},
});

/** Get Queued Result for the item's requestId (or the one given). */
export const getQueuedResult = (
	options: INodeParameters = {},
	requestId = '={{ $json.requestId }}',
): SegmindNodeSpec => ({
	type: SEGMIND_ANY_MODEL_NODE_TYPE,
	parameters: { resource: 'request', operation: 'getResult', requestId, queue: 'model', options },
});

/** Get Remaining Credits on the Segmind node. */
export const getCreditsOfAccount = (options: INodeParameters = {}): SegmindNodeSpec => ({
	type: SEGMIND_ANY_MODEL_NODE_TYPE,
	parameters: { resource: 'account', operation: 'getCredits', options },
});

/** A 1 x 1 PNG. */
export const TINY_PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
	'base64',
);
