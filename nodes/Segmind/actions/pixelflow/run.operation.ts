import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readFileSettings, type FileSettings } from '../../../shared/files';
import {
	applyBinaryInputs,
	binaryInputsField,
	readBinaryInputs,
	type BinaryInputs,
	type FailedUpload,
} from '../../../shared/inputs';
import { defineOperation } from '../../../shared/pipeline';
import { parseJsonObjectOption } from '../../../shared/values';
import { collectOptions } from '../options';
import { pixelflowOutput, storePixelflowRun, type PixelflowRun } from './outputs';
import { readWorkflowId, workflowIdField } from './workflowId';

/** A run checked and ready to send. */
interface FlowRun {
	workflowId: string;
	inputs: IDataObject;
	binaryInputs: BinaryInputs;
	includeRawResponse: boolean;
	files: FileSettings;
}

type FlowAnswer = { run: PixelflowRun } | { failed: FailedUpload };

const DEFAULT_INPUTS = '{}';

const fields: INodeProperties[] = [
	workflowIdField,
	{
		displayName: 'Inputs (JSON)',
		name: 'inputsJson',
		type: 'json',
		default: DEFAULT_INPUTS,
		description:
			'The flow\'s inputs by name, as a JSON object (its API page lists them, e.g. {"prompt": "a red fox", "image": "https://..."})',
	},
	binaryInputsField,
];

/**
 * Run a PixelFlow's Options: Get Queued Result's (poll interval, ten-minute timeout, raw
 * response, the request options and the file options), as the contract lists them.
 */

/**
 * Run a PixelFlow: one run of a published PixelFlow per input item. The run is submitted once
 * (billed), polled at the base URL until COMPLETED or FAILED, and its outputs come out by key name,
 * its file outputs in the item's binary data.
 */
export const runPixelflow = defineOperation<FlowRun, FlowAnswer>({
	resource: 'pixelflow',
	operation: {
		name: 'Run a PixelFlow',
		value: 'run',
		description: 'Run a published PixelFlow with inputs and get its outputs and files',
		action: 'Run a PixelFlow',
	},
	subtitle: '"Run PixelFlow " + ($parameter["workflowId"] || "")',
	fields,
	options: collectOptions,
	prepare(context, { itemIndex }, items) {
		const workflowId = readWorkflowId(context.getNodeParameter('workflowId', itemIndex, ''));
		const inputs =
			parseJsonObjectOption(
				context.getNodeParameter('inputsJson', itemIndex, DEFAULT_INPUTS),
				'inputsJson',
			) ?? {};
		const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return {
			workflowId,
			inputs,
			binaryInputs: readBinaryInputs(context, itemIndex, items[itemIndex], options.maxFileSize),
			includeRawResponse: options.includeRawResponse === true,
			files: readFileSettings(options),
		};
	},
	async send(client, run, context) {
		const applied = await applyBinaryInputs(client, context, run.inputs, run.binaryInputs);
		if (!applied) return undefined;
		if ('failed' in applied) return { failed: applied.failed };
		const queued = await client.queuePixelflow(run.workflowId, applied.body);
		if (!queued) return undefined;
		const stored = await storePixelflowRun(client, context, queued, run.files);
		return stored && { run: stored };
	},
	output(run, answer) {
		if ('failed' in answer) {
			const { status, response } = answer.failed;
			return {
				json: {
					...status,
					workflowId: run.workflowId,
					requestId: null,
					outputs: null,
					files: [],
					...(run.includeRawResponse && response !== undefined && { response }),
				},
			};
		}
		return pixelflowOutput(answer.run, run);
	},
});
