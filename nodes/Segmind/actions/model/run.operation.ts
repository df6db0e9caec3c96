import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { BadInput } from '../../../shared/badInput';
import {
	applyBinaryInputs,
	binaryInputsField,
	readBinaryInputs,
	type BinaryInputs,
} from '../../../shared/inputs';
import { parseJsonObjectOption } from '../../../shared/values';
import { defineOperation } from '../../../shared/pipeline';
import { runModelOptions } from '../options';
import { runOutput, unsubmittedRun, type StoredRun } from '../output';
import { readFileSettings, storeQueuedRun, storeSyncRun, type FileSettings } from '../runFiles';
import { fieldsBody } from './fieldsBody';
import { modelLocator, readModelSlug } from './modelLocator';

/** A run checked and ready to send. */
interface ModelRun {
	model: string;
	body: IDataObject;
	/** The Input Files rows, placed into the body just before the request. */
	inputs: BinaryInputs;
	queue: boolean;
	includeRawResponse: boolean;
	files: FileSettings;
}

const DEFAULT_PARAMETERS = '{\n  "prompt": ""\n}';

// How the request body is given: as JSON, or in a form built from the model's catalogue entry.
const parametersModes = [
	{ name: 'Using JSON', value: 'json' },
	{ name: 'Using Fields Below', value: 'fields' },
];

const fields: INodeProperties[] = [
	modelLocator,
	{
		displayName: 'Parameters',
		name: 'parametersMode',
		type: 'options',
		noDataExpression: true,
		options: parametersModes,
		default: 'json',
		description: "How the model's parameters are given",
	},
	{
		displayName: 'Parameters (JSON)',
		name: 'parametersJson',
		type: 'json',
		default: DEFAULT_PARAMETERS,
		description:
			"The request body: the model's own parameters as a JSON object, as its page on segmind.com lists them (for example prompt, negative_prompt, seed, image_url)",
		displayOptions: { show: { parametersMode: ['json'] } },
	},
	{
		displayName: 'Model Parameters',
		name: 'parameters',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		description:
			"The model's parameters, from Segmind's model catalogue: empty ones are left out of the request",
		typeOptions: {
			loadOptionsDependsOn: ['model.value'],
			resourceMapper: {
				resourceMapperMethod: 'getModelParameters',
				mode: 'add',
				valuesLabel: 'Parameters to Send',
				fieldWords: { singular: 'parameter', plural: 'parameters' },
				addAllFields: true,
				supportAutoMap: false,
			},
		},
		displayOptions: { show: { parametersMode: ['fields'] } },
	},
	binaryInputsField,
];

/** The request body of an item, in the parameters mode it uses. */
function readBody(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const mode = context.getNodeParameter('parametersMode', itemIndex, 'json') as string;
	if (mode === 'fields') {
		return fieldsBody(context.getNodeParameter('parameters', itemIndex, null));
	}
	if (mode !== 'json') throw new BadInput(`parametersMode "${mode}" is not known`);
	const body = parseJsonObjectOption(
		context.getNodeParameter('parametersJson', itemIndex, DEFAULT_PARAMETERS),
		'parametersJson',
	);
	if (body === undefined) {
		throw new BadInput('parametersJson is empty: give the request body as a JSON object');
	}
	return body;
}

/** Run a Model: one run of a Segmind model per input item, its output files in binary data. */
export const runModel = defineOperation<ModelRun, StoredRun>({
	resource: 'model',
	operation: {
		name: 'Run a Model',
		value: 'run',
		description: 'Run any Segmind model (image, video, audio, text) and get its output files',
		action: 'Run a model',
	},
	subtitle:
		'"Run " + ($parameter["model"].cachedResultName || $parameter["model"].value || "a model")',
	fields,
	options: runModelOptions,
	prepare(context, { itemIndex }, items) {
		const model = readModelSlug(
			context.getNodeParameter('model', itemIndex, { mode: 'list', value: '' }),
		);
		const body = readBody(context, itemIndex);
		const options = context.getNodeParameter('options', itemIndex, {}) as {
			requestMode?: string;
			includeRawResponse?: boolean;
			maxFileSize?: unknown;
		};
		return {
			model,
			body,
			inputs: readBinaryInputs(context, itemIndex, items[itemIndex], options.maxFileSize),
			queue: (options.requestMode ?? 'queue') === 'queue',
			includeRawResponse: options.includeRawResponse ?? false,
			files: readFileSettings(options),
		};
	},
	async send(client, request, context) {
		const applied = await applyBinaryInputs(client, context, request.body, request.inputs);
		if (!applied) return undefined;
		if ('failed' in applied) return unsubmittedRun(applied.failed);
		const { body } = applied;
		if (request.queue) {
			const queued = await client.queueModel(request.model, body);
			return queued && (await storeQueuedRun(client, context, queued, request.files));
		}
		const ran = await client.runMedia(request.model, body);
		return ran && (await storeSyncRun(client, context, ran, request.files));
	},
	output: (request, answer) => runOutput(answer, request),
});
