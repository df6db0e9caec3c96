import type {
	INodeType,
	INodeTypeDescription,
	ISupplyDataFunctions,
	SupplyData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../shared/constants';
import { properties } from './properties';
import { supplySegmindModel } from './supplySegmindModel';

export class LmChatSegmind implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Segmind Chat Model',
		name: 'lmChatSegmind',
		icon: { light: 'file:segmind.svg', dark: 'file:segmind.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["model"] }}',
		description: "Segmind's LLMs as the chat model of n8n's AI Agent and chains",
		defaults: { name: 'Segmind Chat Model' },
		inputs: [],
		outputs: [NodeConnectionTypes.AiLanguageModel],
		outputNames: ['Model'],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties,
	};

	async supplyData(this: ISupplyDataFunctions, itemIndex: number): Promise<SupplyData> {
		return await supplySegmindModel(this, itemIndex);
	}
}
