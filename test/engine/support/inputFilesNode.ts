import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { BadInput } from '../../../nodes/shared/badInput';
import { parseBody, statusOutputOf, type ApiOutcome } from '../../../nodes/shared/client';
import {
	applyBinaryInputs,
	binaryInputsField,
	readBinaryInputs,
	type BinaryInputs,
	type FailedUpload,
} from '../../../nodes/shared/inputs';
import { requestOptions } from '../../../nodes/shared/options';
import { defineOperation, routerOf } from '../../../nodes/shared/pipeline';
import { isObject } from '../../../nodes/shared/values';

export const INPUT_FILES_NODE_TYPE = 'test.segmindInputFiles';

interface Run {
	model: string;
	body: IDataObject;
	inputs: BinaryInputs;
	includeRawResponse: boolean;
}

type RunAnswer = { outcome: ApiOutcome } | { failed: FailedUpload };

/**
 * A stand-in for the Segmind node's Run a Model until it exists: json mode's body, the Input Files
 * rows placed by the shared inputs module just before a v1 request, and the same failed-upload
 * item Run a Model outputs. It calls the module exactly as Run a Model and Run a PixelFlow do.
 */
const run = defineOperation<Run, RunAnswer>({
	resource: 'model',
	operation: { name: 'Run a Model', value: 'run', description: 'Run a model', action: 'Run a model' },
	subtitle: '"Run"',
	fields: [
		{ displayName: 'Model', name: 'model', type: 'string', default: '' },
		{ displayName: 'Parameters', name: 'parametersJson', type: 'json', default: '{}' },
		binaryInputsField,
	],
	options: [
		{ displayName: 'Max File Size', name: 'maxFileSize', type: 'number', default: 256 },
		{ displayName: 'Include Raw Response', name: 'includeRawResponse', type: 'boolean', default: false },
		...requestOptions,
	],
	prepare(context, { itemIndex }, items) {
		const given = context.getNodeParameter('parametersJson', itemIndex, '{}');
		const body = typeof given === 'string' ? (JSON.parse(given) as unknown) : given;
		if (!isObject(body)) throw new BadInput('parametersJson must be a JSON object');
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			model: String(context.getNodeParameter('model', itemIndex)),
			body,
			inputs: readBinaryInputs(context, itemIndex, items[itemIndex], options.maxFileSize),
			includeRawResponse: options.includeRawResponse === true,
		};
	},
	async send(client, job, context) {
		const applied = await applyBinaryInputs(client, context, job.body, job.inputs);
		if (!applied) return undefined;
		if ('failed' in applied) return applied;
		const outcome = await client.runModel(job.model, applied.body);
		return outcome && { outcome };
	},
	output(job, answer) {
		if ('failed' in answer) {
			const { status, response } = answer.failed;
			return {
				json: {
					...status,
					model: job.model,
					output: null,
					...(job.includeRawResponse && response !== undefined && { response }),
				},
			};
		}
		const { outcome } = answer;
		const status = statusOutputOf(outcome);
		const body = outcome.answered ? parseBody(outcome.body) : null;
		return { json: { ...status, model: job.model, output: status.success ? body : null } };
	},
});

const router = routerOf([run], { resources: [{ name: 'Model', value: 'model' }], options: 'perOperation' });

/** Test node: Run a Model with Input Files (above). */
export class InputFiles implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Segmind Input Files (test)',
		name: 'segmindInputFiles',
		group: ['transform'],
		version: 1,
		description: 'Test node for the shared inputs module',
		defaults: { name: 'Segmind Input Files' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'segmindApi', required: true }],
		properties: router.properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await router.route(this)];
	}
}
