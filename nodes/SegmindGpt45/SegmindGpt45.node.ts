import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_NAME, DEFAULT_MODEL } from '../shared/constants';
import { RATE_LIMITED_HINT } from '../shared/hints';
import { router } from './actions/router';

export class SegmindGpt45 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Segmind GPT-4.5',
		name: 'segmindGpt45',
		icon: { light: 'file:segmind.svg', dark: 'file:segmind.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: router.subtitle,
		description:
			"Chat with GPT-4.5 and other LLMs through Segmind's API, with the remaining credits and a status on every item",
		defaults: { name: 'Segmind GPT-4.5' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: router.properties,
		hints: [
			{
				message:
					'OpenAI retired gpt-4.5-preview upstream, so Segmind may answer "gone" or "not_found" for it. Options → Model picks another slug, such as gpt-4o or claude-4-sonnet.',
				type: 'info',
				location: 'outputPane',
				whenToDisplay: 'afterExecution',
				displayCondition: `={{ $parameter["operation"] === "message" && ($parameter["options"]["model"] || "${DEFAULT_MODEL}") === "${DEFAULT_MODEL}" && ["gone", "not_found"].includes($json.status) }}`,
			},
			RATE_LIMITED_HINT,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await router.route(this)];
	}
}
