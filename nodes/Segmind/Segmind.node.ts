import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../shared/constants';
import { RATE_LIMITED_HINT } from '../shared/hints';
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
		hints: [RATE_LIMITED_HINT],
	};

	methods = { listSearch, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await router.route(this)];
	}
}
