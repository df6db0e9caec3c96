import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeListSearchResult,
	INodeType,
	INodeTypes,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { Segmind } from '../../../nodes/Segmind/Segmind.node';
import { engineAdditionalData } from './additionalData';
import { SEGMIND_ANY_MODEL_NODE_TYPE } from './packageNodes';

const segmind = new Segmind();

const nodeTypes: INodeTypes = {
	getByName: (): INodeType => segmind,
	getByNameAndVersion: (): INodeType => segmind,
	getKnownTypes: () => ({}),
};

/**
 * Searches the Segmind node's Model list as the editor does: n8n-core's LoadOptionsContext for
 * the node's `model` parameter, with the credential given (its id tells accounts apart).
 */
export async function searchModelList(
	credentials: ICredentialDataDecryptedObject,
	filter?: string,
	credentialId = 'credential-1',
): Promise<INodeListSearchResult> {
	const node: INode = {
		id: 'node-0',
		name: 'Segmind',
		type: SEGMIND_ANY_MODEL_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'model', operation: 'run' },
		credentials: { segmindApi: { id: credentialId, name: 'Segmind account' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const context = new LoadOptionsContext(
		workflow,
		node,
		engineAdditionalData(credentials),
		'parameters.model',
	);
	return await segmind.methods.listSearch.searchModels.call(context, filter);
}
