import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readCredential } from '../../shared/transport/credential';
import { runJobs } from '../jobs/runJobs';
import type { Action } from './Action';
import { getCredits } from './account/getCredits.operation';
import { message } from './chat/message.operation';
import { optionsCollection } from './optionsCollection';
import { getResult } from './queue/getResult.operation';
import { readRunSettings } from './runSettings';

// Operation -> action: adding an operation is its action file and one line here.
const ACTIONS: Record<string, Action> = {
	message,
	getCredits,
	getResult,
};

const actions = Object.values(ACTIONS);

const operationField: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	options: actions.map((action) => action.operation).sort((a, b) => a.name.localeCompare(b.name)),
	default: 'message',
};

/** An action's own parameter, shown only when its operation is picked. */
const forOperation = (operation: string, field: INodeProperties): INodeProperties => ({
	...field,
	displayOptions: {
		...field.displayOptions,
		show: { operation: [operation], ...field.displayOptions?.show },
	},
});

/** The node's parameters: the operation, each action's own fields, then the Options. */
export const properties: INodeProperties[] = [
	operationField,
	...actions.flatMap((action) =>
		action.fields.map((field) => forOperation(action.operation.value, field)),
	),
	optionsCollection(actions),
];

/** The subtitle under the node's name: the picked operation's own. */
export const subtitle = `={{ ${actions
	.map(
		(action) => `$parameter["operation"] === "${action.operation.value}" ? ${action.subtitle} : `,
	)
	.join('')}"" }}`;

/** Runs the picked operation over the input items: one output item per job, in order. */
export async function route(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const operation = context.getNodeParameter('operation', 0) as string;
	const action = ACTIONS[operation];
	if (!action) {
		throw new NodeOperationError(context.getNode(), `The operation "${operation}" is not known`);
	}
	const settings = readRunSettings(context);
	const { credential, apiRoot } = await readCredential(context);
	const items = context.getInputData();
	return await runJobs(context, action.jobs(context, items, apiRoot), settings, credential);
}
