// The benchmark's workflows: Manual Trigger -> Code node making N items -> this node, n8n's
// HTTP Request node and/or the bench's floor node sending the same request bodies, one branch
// each. With execution order v1, n8n runs one branch to its end before the next (the upper one
// first), so the nodes never overlap and each executionTime is that node's own.
import type { WorkflowJson } from '../scripts/n8n/sandbox';
import { FLOOR_NODE_TYPE } from './floor/package';

export const SEGMIND_NODE = 'Segmind GPT-4.5';
export const HTTP_NODE = 'HTTP Request';
export const FLOOR_NODE = 'Segmind Bench Floor';
export const MODEL = 'gpt-4.5-preview';

export interface CredentialRef {
	id: string;
	name: string;
}

export interface SegmindBranch {
	credential: CredentialRef;
	concurrency: number;
	requestsPerMinute?: number;
	/** Segmind's v2 queue (submit, poll, fetch) instead of one request per item. */
	queue?: { pollIntervalMs: number };
}

/** The HTTP Request node's "Options > Batching": `size` items, then a pause of `intervalMs`. */
export interface HttpBatching {
	size: number;
	intervalMs: number;
}

export interface HttpBranch {
	/** A Header Auth credential holding x-api-key. */
	credential: CredentialRef;
	/** Left out means no batching. */
	batching?: HttpBatching;
}

/** The bench-only floor node: a Segmind credential and a concurrency, like this node. */
export interface FloorBranch {
	credential: CredentialRef;
	concurrency: number;
}

/** One branch after "Make Items": the node and its settings. */
export type Branch =
	| { kind: 'segmind'; settings: SegmindBranch }
	| { kind: 'http'; settings: HttpBranch }
	| { kind: 'floor'; settings: FloorBranch };

export interface BenchWorkflowSpec {
	id: string;
	name: string;
	items: number;
	/** In the order n8n runs them: the first is the upper branch. */
	branches: Branch[];
	emulatorUrl: string;
}

type NodeJson = ReturnType<typeof node>;

/** A node of a workflow's JSON, with its name as its id. */
export const node = (
	name: string,
	type: string,
	typeVersion: number,
	position: [number, number],
	parameters: Record<string, unknown>,
	extra: Record<string, unknown> = {},
) => ({ id: name, name, type, typeVersion, position, parameters, ...extra });

/** The HTTP Request node's options for `batching`: none when it is left out. */
export const httpBatchingOptions = (batching?: HttpBatching) =>
	batching
		? { batching: { batch: { batchSize: batching.size, batchInterval: batching.intervalMs } } }
		: {};

/** The same messages parameter for this node and the floor node. */
const messages = { values: [{ role: 'user', content: '={{ $json.content }}' }] };

function segmindNode(
	{ credential, concurrency, requestsPerMinute, queue }: SegmindBranch,
	y: number,
) {
	return node(
		SEGMIND_NODE,
		'n8n-nodes-segmind.segmindGpt45',
		1,
		[400, y],
		{
			operation: 'message',
			inputMode: 'define',
			messages,
			options: {
				concurrency,
				...(requestsPerMinute ? { requestsPerMinute } : {}),
				...(queue ? { requestMode: 'queue', pollInterval: queue.pollIntervalMs } : {}),
			},
		},
		{ credentials: { segmindApi: credential } },
	);
}

function floorNode({ credential, concurrency }: FloorBranch, y: number) {
	return node(
		FLOOR_NODE,
		FLOOR_NODE_TYPE,
		1,
		[400, y],
		{ messages, options: { concurrency } },
		{ credentials: { segmindApi: credential } },
	);
}

/** What a user builds without this package: the same POST and body, the key from Header Auth. */
function httpNode({ credential, batching }: HttpBranch, emulatorUrl: string, y: number) {
	return node(
		HTTP_NODE,
		'n8n-nodes-base.httpRequest',
		4.5,
		[400, y],
		{
			method: 'POST',
			url: `${emulatorUrl}/v1/${MODEL}`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: "={{ JSON.stringify({ messages: [{ role: 'user', content: $json.content }] }) }}",
			options: httpBatchingOptions(batching),
		},
		{ credentials: { httpHeaderAuth: credential } },
	);
}

function branchNode(branch: Branch, emulatorUrl: string, y: number): NodeJson {
	switch (branch.kind) {
		case 'segmind':
			return segmindNode(branch.settings, y);
		case 'floor':
			return floorNode(branch.settings, y);
		case 'http':
			return httpNode(branch.settings, emulatorUrl, y);
	}
}

export function benchWorkflow(spec: BenchWorkflowSpec): WorkflowJson {
	// n8n orders branches by position: the upper one runs first.
	const branches = spec.branches.map((branch, index) =>
		branchNode(branch, spec.emulatorUrl, index * 200),
	);
	return {
		id: spec.id,
		name: spec.name,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 0], {}),
			node('Make Items', 'n8n-nodes-base.code', 2, [200, 0], {
				jsCode: `return Array.from({ length: ${spec.items} }, (_, i) => ({ json: { content: 'Item ' + i } }));`,
			}),
			...branches,
		],
		connections: {
			Start: { main: [[{ node: 'Make Items', type: 'main', index: 0 }]] },
			'Make Items': {
				main: [branches.map(({ name }) => ({ node: name, type: 'main', index: 0 }))],
			},
		},
	};
}
