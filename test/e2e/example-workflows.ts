// The workflows in examples/, read as users import them, and a test-only workflow that runs the
// failure cases through copies of the examples' own nodes (their Switch and IF included).
import * as fs from 'fs';
import * as path from 'path';

import type { WorkflowJson } from '../../scripts/n8n/sandbox';

export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: string;
}

interface Link {
	node: string;
	type: string;
	index: number;
}

type Connections = Record<string, Record<string, Link[][]>>;

export interface ExampleWorkflow extends WorkflowJson {
	nodes: WorkflowNode[];
	connections: Connections;
}

export const examplesDir = path.resolve(__dirname, '..', '..', 'examples');

export const exampleFiles = {
	statusSwitch: '1-scheduled-question-with-status-switch.json',
	twoTurns: '2-two-turn-conversation.json',
	itemsConversation: '3-items-as-one-conversation.json',
	creditCheck: '4-daily-credit-check.json',
	describeImage: '5-describe-an-image.json',
	queuedAnswer: '6-long-answer-with-queue.json',
	agentWithModel: '7-agent-with-segmind-model.json',
	summarizeWithModel: '8-summarize-with-segmind-model.json',
	creditsRunLow: '13-alert-when-credits-run-low.json',
} as const;

export type ExampleName = keyof typeof exampleFiles;

export function loadExample(name: ExampleName): ExampleWorkflow {
	return JSON.parse(
		fs.readFileSync(path.join(examplesDir, exampleFiles[name]), 'utf8'),
	) as ExampleWorkflow;
}

const TRIGGERS = ['n8n-nodes-base.manualTrigger', 'n8n-nodes-base.scheduleTrigger'];
const STICKY = 'n8n-nodes-base.stickyNote';

export interface Branch {
	nodes: WorkflowNode[];
	connections: Connections;
	/** The copied nodes the example's triggers fed. */
	entries: string[];
}

export interface BranchOptions {
	/** Put before every node name, so several copies fit in one workflow. */
	prefix: string;
	/** Vertical offset of the copy in the editor. */
	y: number;
	/** Credential id for the copied Segmind nodes. */
	credentialId?: string;
	/** Changes one copied node, found by its name in the example. */
	edit?: Record<string, (node: WorkflowNode) => void>;
}

/** The example without its triggers and notes, renamed, ready to hang off another trigger. */
export function exampleBranch(example: ExampleWorkflow, options: BranchOptions): Branch {
	const rename = (name: string) => `${options.prefix}${name}`;
	const triggers = example.nodes.filter((node) => TRIGGERS.includes(node.type));
	const nodes = example.nodes
		.filter((node) => !TRIGGERS.includes(node.type) && node.type !== STICKY)
		.map((original) => {
			const node: WorkflowNode = structuredClone(original);
			options.edit?.[original.name]?.(node);
			node.id = `${options.prefix}${node.id}`;
			node.name = rename(original.name);
			node.position = [node.position[0], node.position[1] + options.y];
			if (node.credentials?.segmindApi && options.credentialId) {
				node.credentials.segmindApi = { id: options.credentialId, name: options.credentialId };
			}
			return node;
		});
	const connections: Connections = {};
	for (const [from, outputs] of Object.entries(example.connections)) {
		if (triggers.some((trigger) => trigger.name === from)) continue;
		connections[rename(from)] = Object.fromEntries(
			Object.entries(outputs).map(([type, links]) => [
				type,
				links.map((output) => output.map((link) => ({ ...link, node: rename(link.node) }))),
			]),
		);
	}
	const entries = [
		...new Set(
			triggers.flatMap((trigger) =>
				(example.connections[trigger.name]?.main ?? []).flat().map((link) => rename(link.node)),
			),
		),
	];
	return { nodes, connections, entries };
}

/** One Manual Trigger feeding every branch, plus nodes written for the test itself. */
export function workflowOfBranches(
	id: string,
	name: string,
	branches: Branch[],
	extra: { nodes: WorkflowNode[]; connections: Connections; entries: string[] },
): WorkflowJson {
	const trigger: WorkflowNode = {
		id: `${id}-trigger`,
		name: 'Run the cases',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const all = [...branches, extra];
	return {
		id,
		name,
		nodes: [trigger, ...all.flatMap((branch) => branch.nodes)],
		connections: Object.assign(
			{
				[trigger.name]: {
					main: [
						all.flatMap((branch) =>
							branch.entries.map((node) => ({ node, type: 'main', index: 0 })),
						),
					],
				},
			},
			...all.map((branch) => branch.connections),
		),
		settings: { executionOrder: 'v1' },
	};
}
