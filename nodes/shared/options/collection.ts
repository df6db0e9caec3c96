import type { INodeProperties } from 'n8n-workflow';

/** A node's Options collection: its entries sorted by name, as the editor lists them. */
export const optionsCollectionOf = (options: INodeProperties[]): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
});
