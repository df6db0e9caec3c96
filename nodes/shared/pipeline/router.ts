import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionsCollectionOf } from '../options';
import type { Operation } from './Operation';
import { runOperation } from './runOperation';

/** A node's parameters and subtitle built from its operations, and the run of the picked one. */
export interface Router {
	properties: INodeProperties[];
	subtitle: string;
	route(context: IExecuteFunctions): Promise<INodeExecutionData[]>;
}

export interface RouterLayout {
	/** The Resource list, on nodes whose operations belong to resources (in the order shown). */
	resources?: Array<{ name: string; value: string }>;
	/**
	 * `shared`: one Options collection, each entry shown for the operations that list it.
	 * `perOperation`: each operation its own, so one option can have another default per operation.
	 */
	options: 'shared' | 'perOperation';
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

/** Conditions that show a parameter for one operation (and its resource). */
const showFor = (operation: Operation) => ({
	...(operation.resource !== undefined && { resource: [operation.resource] }),
	operation: [operation.operation.value],
});

const shownFor = (operation: Operation, field: INodeProperties): INodeProperties => ({
	...field,
	displayOptions: {
		...field.displayOptions,
		show: { ...showFor(operation), ...field.displayOptions?.show },
	},
});

/** The one Options collection: every operation's entries, each shown for the operations that list it. */
function sharedOptions(operations: Operation[]): INodeProperties {
	const users = new Map<string, { option: INodeProperties; values: string[] }>();
	for (const operation of operations) {
		for (const option of operation.options) {
			const entry = users.get(option.name) ?? { option, values: [] };
			entry.values.push(operation.operation.value);
			users.set(option.name, entry);
		}
	}
	const options = [...users.values()].map(({ option, values }) =>
		values.length === operations.length
			? option
			: {
					...option,
					displayOptions: {
						...option.displayOptions,
						show: { ...option.displayOptions?.show, '/operation': values },
					},
				},
	);
	return optionsCollectionOf(options);
}

function operationFields(operations: Operation[], layout: RouterLayout): INodeProperties[] {
	if (!layout.resources) {
		const first = operations[0].operation.value;
		return [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: operations.map((operation) => operation.operation).sort(byName),
				default: first,
			},
		];
	}
	const firstResource = layout.resources[0].value;
	const resource: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: layout.resources,
		default: firstResource,
	};
	return [
		resource,
		...layout.resources.map(({ value }): INodeProperties => {
			const own = operations.filter((operation) => operation.resource === value);
			const first = own[0].operation.value;
			return {
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [value] } },
				options: own.map((operation) => operation.operation).sort(byName),
				default: first,
			};
		}),
	];
}

const keyOf = (resource: string | undefined, operation: string) => `${resource ?? ''}/${operation}`;

/** The parameters, subtitle and run of a node made of these operations (the first is the default). */
export function routerOf(operations: Operation[], layout: RouterLayout): Router {
	const byKey = new Map(
		operations.map((operation) => [
			keyOf(operation.resource, operation.operation.value),
			operation,
		]),
	);
	const options =
		layout.options === 'shared'
			? [sharedOptions(operations)]
			: operations.map((operation) => shownFor(operation, optionsCollectionOf(operation.options)));
	const condition = (operation: Operation) =>
		[
			...(operation.resource !== undefined
				? [`$parameter["resource"] === "${operation.resource}"`]
				: []),
			`$parameter["operation"] === "${operation.operation.value}"`,
		].join(' && ');
	return {
		properties: [
			...operationFields(operations, layout),
			...operations.flatMap((operation) =>
				operation.fields.map((field) => shownFor(operation, field)),
			),
			...options,
		],
		subtitle: `={{ ${operations
			.map((operation) => `${condition(operation)} ? ${operation.subtitle} : `)
			.join('')}"" }}`,
		async route(context) {
			const resource = layout.resources
				? (context.getNodeParameter('resource', 0) as string)
				: undefined;
			const name = context.getNodeParameter('operation', 0) as string;
			const operation = byKey.get(keyOf(resource, name));
			if (!operation) {
				throw new NodeOperationError(context.getNode(), `The operation "${name}" is not known`);
			}
			return await runOperation(context, operation, context.getInputData());
		},
	};
}
