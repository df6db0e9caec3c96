import type { INodeProperties } from 'n8n-workflow';

import { optionsCollectionOf } from '../../shared/options/collection';
import type { Action } from './Action';

/**
 * The one Options collection of the node: every action's entries, each shown for the operations
 * that list it (no condition when all do), sorted by name as the editor lists them.
 */
export function optionsCollection(actions: Action[]): INodeProperties {
	const users = new Map<string, { option: INodeProperties; operations: string[] }>();
	for (const action of actions) {
		for (const option of action.options) {
			const entry = users.get(option.name) ?? { option, operations: [] };
			entry.operations.push(action.operation.value);
			users.set(option.name, entry);
		}
	}
	const options = [...users.values()].map(({ option, operations }) =>
		operations.length === actions.length
			? option
			: {
					...option,
					displayOptions: {
						...option.displayOptions,
						show: { ...option.displayOptions?.show, '/operation': operations },
					},
				},
	);
	return optionsCollectionOf(options);
}
