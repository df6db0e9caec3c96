import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeListSearchResult,
	INodeParameters,
	ResourceMapperFields,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { engineAdditionalData } from './additionalData';
import { nodeTypeOf, nodeTypes, SEGMIND_ANY_MODEL_NODE_TYPE } from './packageNodes';

/**
 * The context n8n's editor calls a node's list and mapper methods with, built as n8n's
 * DynamicNodeParametersService builds it: a workflow of one temporary node holding the editor's
 * current parameters, and n8n-core's LoadOptionsContext for the parameter at `path`.
 */
function loadOptionsContext(
	parameters: INodeParameters,
	credentials: ICredentialDataDecryptedObject,
	path: string,
	credentialId = 'credential-1',
) {
	const node: INode = {
		parameters,
		id: 'uuid-1234',
		name: 'Temp-Node',
		type: SEGMIND_ANY_MODEL_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		credentials: { segmindApi: { id: credentialId, name: 'Segmind account' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = engineAdditionalData(credentials);
	additionalData.currentNodeParameters = parameters;
	const context = new LoadOptionsContext(workflow, workflow.nodes[node.name], additionalData, path);
	return { context, nodeType: nodeTypeOf(SEGMIND_ANY_MODEL_NODE_TYPE) };
}

/** Run a Model's parameters as the editor holds them while the user picks a model. */
const runModelParameters = (model: unknown): INodeParameters => ({
	resource: 'model',
	operation: 'run',
	model: model as INodeParameters[string],
	parametersMode: 'fields',
});

/** What the Parameters form of Run a Model shows for a Model parameter value. */
export async function modelParameterFields(
	model: unknown,
	credentials: ICredentialDataDecryptedObject,
): Promise<ResourceMapperFields> {
	const { context, nodeType } = loadOptionsContext(
		runModelParameters(model),
		credentials,
		'parameters.parameters',
	);
	const method = nodeType.methods?.resourceMapping?.getModelParameters;
	if (!method) throw new Error('The Segmind node has no getModelParameters mapper method');
	return await method.call(context);
}

/** What the Model list of Run a Model shows for a search text (with the credential of that id). */
export async function modelListResults(
	credentials: ICredentialDataDecryptedObject,
	filter?: string,
	credentialId?: string,
): Promise<INodeListSearchResult> {
	const { context, nodeType } = loadOptionsContext(
		runModelParameters({ __rl: true, mode: 'list', value: '' }),
		credentials,
		'parameters.model',
		credentialId,
	);
	const method = nodeType.methods?.listSearch?.searchModels;
	if (!method) throw new Error('The Segmind node has no searchModels list method');
	return await method.call(context, filter);
}
