import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../shared/constants';
import { router } from './actions/router';
import { listSearch, resourceMapping } from './methods';

export class Segmind implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Segmind',
		name: 'segmind',
		icon: { light: 'file:segmind.svg', dark: 'file:segmind.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: router.subtitle,
		description:
			"Run any of Segmind's models (image, video, audio, text) and get their output files as binary data",
		defaults: { name: 'Segmind' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: router.properties,
		hints: [
			{
				message:
					'Segmind answered "rate_limited": set Options → Requests per Minute to your plan\'s limit (Free 5, Pro 50).',
				type: 'warning',
				location: 'outputPane',
				whenToDisplay: 'afterExecution',
				displayCondition: '={{ $json.status === "rate_limited" }}',
			},
		],
	};

	methods = { listSearch, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await router.route(this)];
	}
}
