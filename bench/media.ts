// Media runs: the Segmind node (Run a Model, `flux-schnell`) and n8n's HTTP Request node each
// storing the emulator's PNG output in n8n's binary data. The emulator's `#emulate:huge:<N>`
// makes each file N MiB; `latencyMs` is the model time (before a v1 answer's headers; a v2
// run's processing time, its file served at once).
import { nodeItems, type WorkflowJson, type WorkflowRun } from '../scripts/n8n/sandbox';
import { CREDENTIALS, KEYS } from './credentials';
import { httpBatchingOptions, node, type HttpBatching } from './workflow';

export const MEDIA_MODEL = 'flux-schnell';

/** n8n's binary data in files: for these rows whatever the mode n8n would pick. */
export const FILESYSTEM_BINARY_ENV = { N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' };

export type MediaContender = 'sync' | 'queue' | 'http';

/** Each contender's node, and the label of the key it sends with in the emulator's log. */
export const MEDIA_NODES: Record<MediaContender, { nodeName: string; keyLabel: string }> = {
	sync: { nodeName: 'Segmind (sync)', keyLabel: KEYS.segmind.label },
	queue: { nodeName: 'Segmind (queue)', keyLabel: KEYS.segmind.label },
	http: { nodeName: 'HTTP Request (file)', keyLabel: KEYS.http.label },
};

export interface MediaSettings {
	concurrency: number;
	pollIntervalMs: number;
	/** The HTTP Request node's batching; none sends every item at once. */
	httpBatching?: HttpBatching;
}

const BODY = '={{ JSON.stringify({ prompt: $json.prompt }) }}';

function mediaNode(
	contender: MediaContender,
	settings: MediaSettings,
	emulatorUrl: string,
	y: number,
) {
	const name = MEDIA_NODES[contender].nodeName;
	if (contender === 'http') {
		return node(
			name,
			'n8n-nodes-base.httpRequest',
			4.5,
			[400, y],
			{
				method: 'POST',
				url: `${emulatorUrl}/v1/${MEDIA_MODEL}`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpHeaderAuth',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: BODY,
				options: {
					response: { response: { responseFormat: 'file', outputPropertyName: 'data' } },
					...httpBatchingOptions(settings.httpBatching),
				},
			},
			{ credentials: { httpHeaderAuth: CREDENTIALS.http } },
		);
	}
	return node(
		name,
		'n8n-nodes-segmind.segmind',
		1,
		[400, y],
		{
			resource: 'model',
			operation: 'run',
			model: { __rl: true, mode: 'id', value: MEDIA_MODEL },
			parametersMode: 'json',
			parametersJson: BODY,
			options: {
				requestMode: contender,
				concurrency: settings.concurrency,
				...(contender === 'queue' ? { pollInterval: settings.pollIntervalMs } : {}),
			},
		},
		{ credentials: { segmindApi: CREDENTIALS.segmind } },
	);
}

/** Manual Trigger -> N items with a prompt -> one branch per node, run in the order given. */
export function mediaWorkflow(spec: {
	id: string;
	name: string;
	items: number;
	fileMiB: number;
	order: MediaContender[];
	settings: MediaSettings;
	emulatorUrl: string;
}): WorkflowJson {
	const branches = spec.order.map((contender, index) =>
		mediaNode(contender, spec.settings, spec.emulatorUrl, index * 200),
	);
	return {
		id: spec.id,
		name: spec.name,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 0], {}),
			node('Make Items', 'n8n-nodes-base.code', 2, [200, 0], {
				jsCode: `return Array.from({ length: ${spec.items} }, (_, i) => ({ json: { prompt: 'A lighthouse, picture ' + i + ' #emulate:huge:${spec.fileMiB}' } }));`,
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

/**
 * Throws unless the node put out `count` items, each with one stored file of `bytes` bytes
 * (and, for the Segmind node, `success: true`).
 */
export function expectFiles(
	run: WorkflowRun,
	contender: MediaContender,
	count: number,
	bytes: number,
) {
	const name = MEDIA_NODES[contender].nodeName;
	const items = nodeItems(run, name);
	if (items.length !== count)
		throw new Error(`${name} put out ${items.length} items, expected ${count}`);
	items.forEach((item, index) => {
		if (contender !== 'http' && item.json.success !== true) {
			throw new Error(`${name}: item ${index} failed: ${JSON.stringify(item.json).slice(0, 400)}`);
		}
		const data = item.binary?.data as { fileSize?: string | number; id?: string } | undefined;
		if (!data) {
			throw new Error(
				`${name}: item ${index} has no binary "data" (binary: ${Object.keys(item.binary ?? {}).join(', ') || 'none'}; json: ${JSON.stringify(item.json).slice(0, 600)})`,
			);
		}
		const size = sizeInBytes(data.fileSize);
		// n8n writes fileSize as text ("1 MB"); only a number, or a byte count, is checked exactly.
		if (size !== undefined && size !== bytes) {
			throw new Error(`${name}: item ${index} stored ${size} bytes, expected ${bytes}`);
		}
	});
}

function sizeInBytes(fileSize: string | number | undefined): number | undefined {
	if (typeof fileSize === 'number') return fileSize;
	if (typeof fileSize === 'string' && /^\d+$/.test(fileSize)) return Number(fileSize);
	return undefined;
}
