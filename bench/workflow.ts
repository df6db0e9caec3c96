// The benchmark's workflows: Manual Trigger -> Code node making N items -> this node and/or
// n8n's HTTP Request node sending the same request bodies, one branch each. With execution
// order v1, n8n runs one branch to its end before the next (the upper one first), so the two
// nodes never overlap and each executionTime is that node's own.
import type { WorkflowJson } from '../scripts/n8n/sandbox';

export const SEGMIND_NODE = 'Segmind GPT-4.5';
export const HTTP_NODE = 'HTTP Request';
export const MODEL = 'gpt-4.5-preview';

export interface CredentialRef {
	id: string;
	name: string;
}

export interface SegmindBranch {
	credential: CredentialRef;
	concurrency: number;
	requestsPerMinute?: number;
}

export interface HttpBranch {
	/** A Header Auth credential holding x-api-key. */
	credential: CredentialRef;
	/** "Options > Batching"; left out means no batching. */
	batching?: { size: number; intervalMs: number };
}

export interface BenchWorkflowSpec {
	id: string;
	name: string;
	items: number;
	segmind?: SegmindBranch;
	http?: HttpBranch;
	/** Which branch n8n runs first (the upper one); default this node. */
	first?: 'segmind' | 'http';
	emulatorUrl: string;
}

const node = (
	name: string,
	type: string,
	typeVersion: number,
	position: [number, number],
	parameters: Record<string, unknown>,
	extra: Record<string, unknown> = {},
) => ({ id: name, name, type, typeVersion, position, parameters, ...extra });

function segmindNode({ credential, concurrency, requestsPerMinute }: SegmindBranch, y: number) {
	return node(
		SEGMIND_NODE,
		'n8n-nodes-segmind.segmindGpt45',
		1,
		[400, y],
		{
			operation: 'message',
			inputMode: 'define',
			messages: { values: [{ role: 'user', content: '={{ $json.content }}' }] },
			options: { concurrency, ...(requestsPerMinute ? { requestsPerMinute } : {}) },
		},
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
			options: batching
				? { batching: { batch: { batchSize: batching.size, batchInterval: batching.intervalMs } } }
				: {},
		},
		{ credentials: { httpHeaderAuth: credential } },
	);
}

export function benchWorkflow(spec: BenchWorkflowSpec): WorkflowJson {
	const { segmind, http, first = 'segmind' } = spec;
	const [segmindY, httpY] = first === 'segmind' ? [0, 200] : [200, 0];
	const branches = [
		...(segmind ? [segmindNode(segmind, segmindY)] : []),
		...(http ? [httpNode(http, spec.emulatorUrl, httpY)] : []),
	];
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
