import type { ChatModel } from '@n8n/ai-node-sdk';
import { SupplyDataContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeParameters,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes, Workflow } from 'n8n-workflow';

import { LmChatSegmind } from '../../../nodes/LmChatSegmind/LmChatSegmind.node';
import { engineAdditionalData } from './additionalData';

const nodeTypes: INodeTypes = {
	getByName: () => new LmChatSegmind(),
	getByNameAndVersion: (): INodeType => new LmChatSegmind(),
	getKnownTypes: () => ({}),
};

/** The LangChain model n8n's AI nodes get, as far as these tests use it. */
export interface SuppliedModel {
	chatModel: ChatModel;
	invoke(input: string): Promise<{
		content: unknown;
		tool_calls?: unknown[];
		usage_metadata?: unknown;
		response_metadata?: unknown;
	}>;
}

/**
 * Asks the Segmind Chat Model for its model the way an AI node does: n8n-core's own
 * SupplyDataContext around the node, its credential served by the test helper.
 */
export async function supplyChatModel(
	parameters: INodeParameters,
	credentials: ICredentialDataDecryptedObject,
): Promise<SuppliedModel> {
	const node: INode = {
		id: 'chat-model-1',
		name: 'Segmind Chat Model',
		type: 'n8n-nodes-segmind.lmChatSegmind',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { segmindApi: { id: 'credential-1', name: 'Segmind account' } },
	};
	const workflow = new Workflow({
		id: 'engine-test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const input = { main: [[{ json: {} }]] };
	const context = new SupplyDataContext(
		workflow,
		node,
		engineAdditionalData(credentials),
		'manual',
		createRunExecutionData(),
		0,
		input.main[0],
		input,
		NodeConnectionTypes.AiLanguageModel,
		{ node, data: input, source: null },
		[],
	);
	const { response } = await new LmChatSegmind().supplyData.call(context, 0);
	return response as SuppliedModel;
}
