// Nodes the e2e workflows built in code start from.

export const manualTrigger = {
	id: 'n1',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A main connection from one node to `to`. */
export const link = (to: string) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
