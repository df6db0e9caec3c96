import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, LoggerProxy, Workflow } from 'n8n-workflow';

import { engineAdditionalData } from './additionalData';
import { nodeTypes, SEGMIND_NODE_TYPE } from './packageNodes';

export { SEGMIND_NODE_TYPE };

// What n8n logs during a run is kept, to prove the API key is not in it either.
const logLines: string[] = [];
const record =
	(level: string) =>
	(message: string, meta: object = {}) =>
		logLines.push(`${level} ${message} ${JSON.stringify(meta)}`);
LoggerProxy.init({
	error: record('error'),
	warn: record('warn'),
	info: record('info'),
	debug: record('debug'),
} as Parameters<typeof LoggerProxy.init>[0]);

export interface SegmindNodeSpec {
	name?: string;
	/**
	 * The Segmind GPT-4.5 node unless set: any node of the package (PACKAGE_NODE_TYPES), or the
	 * image source node that makes binary data for the next one.
	 */
	type?: string;
	parameters: INodeParameters;
	onError?: INode['onError'];
}

export interface WorkflowRun {
	run: IRun;
	/** Output items of a node by its name: [output index][item index]. */
	outputsOf(nodeName: string): INodeExecutionData[][];
	/** The main output's items of the first node. */
	items: INodeExecutionData[];
	/** The error the run stopped on, if any. */
	error: IRun['data']['resultData']['error'];
	/** Everything the run produced and logged, as text, to prove what is absent from it. */
	serialized: string;
}

export interface RunOptions {
	/** Segmind nodes, chained main output to main input in the order given. */
	nodes: SegmindNodeSpec[];
	input: IDataObject[];
	credentials: ICredentialDataDecryptedObject;
	/** Called once the run started, with a function that cancels it. */
	onStarted?: (cancel: () => void) => void;
}

/** Runs Segmind nodes on n8n-core's WorkflowExecute, the engine inside n8n, with real HTTP. */
export async function runWorkflow({ nodes: specs, input, credentials, onStarted }: RunOptions) {
	logLines.length = 0;
	const nodes: INode[] = specs.map((spec, index) => ({
		id: `node-${index}`,
		name: spec.name ?? `Segmind ${index + 1}`,
		type: spec.type ?? SEGMIND_NODE_TYPE,
		typeVersion: 1,
		position: [index * 200, 0],
		parameters: spec.parameters,
		credentials: { segmindApi: { id: 'credential-1', name: 'Segmind account' } },
		...(spec.onError ? { onError: spec.onError } : {}),
	}));
	const connections: IConnections = {};
	nodes.slice(1).forEach((node, index) => {
		connections[nodes[index].name] = {
			main: [[{ node: node.name, type: 'main', index: 0 }]],
		};
	});

	const workflow = new Workflow({
		id: 'engine-test',
		nodes,
		connections,
		active: false,
		nodeTypes,
	});
	const mode: WorkflowExecuteMode = 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, 'execution-1', {
		id: 'engine-test',
		name: 'engine test',
		active: false,
		isArchived: false,
		nodes,
		connections,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	let runFinished: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (runFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => runFinished(fullRunData));

	const additionalData = engineAdditionalData(credentials, hooks);

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: nodes[0],
					data: { main: [input.map((json) => ({ json }))] },
					source: null,
				},
			],
		},
	});
	const execution = new WorkflowExecute(
		additionalData,
		mode,
		runExecutionData,
	).processRunExecutionData(workflow);
	onStarted?.(() => execution.cancel());
	let run: IRun;
	try {
		run = await execution;
	} catch {
		run = await finished;
	}

	const outputsOf = (nodeName: string) => {
		const task = run.data.resultData.runData[nodeName]?.[0];
		return (task?.data?.main ?? []).map((items) => items ?? []);
	};
	return {
		run,
		outputsOf,
		items: outputsOf(nodes[0].name)[0] ?? [],
		error: run.data.resultData.error,
		serialized: JSON.stringify({ run, logLines }, (_key, value: unknown) =>
			value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
		),
	} satisfies WorkflowRun;
}
