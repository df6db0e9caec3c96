// What the demo shows of a run of example 1: each item the Segmind node put out, and the
// branch of the Switch after it that the item took.
import {
	nodeItems,
	nodeJson,
	type NodeItem,
	type WorkflowJson,
	type WorkflowRun,
} from '../n8n/sandbox';

export interface DemoRow {
	reply: string | null;
	success: boolean;
	status: string;
	statusMessage: string;
	remainingCredits: number | null;
	/** The Switch output's name, or null when the item reached none. */
	branch: string | null;
}

interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
}

interface SwitchParameters {
	rules?: { values?: Array<{ renameOutput?: boolean; outputKey?: string }> };
	options?: { fallbackOutput?: string | number; renameFallbackOutput?: string };
}

type Connections = Record<string, { main?: Array<Array<{ node: string }> | null> }>;

const segmindType = 'n8n-nodes-segmind.segmindGpt45';
const switchType = 'n8n-nodes-base.switch';

/** Output names as the editor shows them: renamed rules by their key, others by number. */
function switchOutputNames(node: WorkflowNode): string[] {
	const { rules, options } = node.parameters as SwitchParameters;
	const names = (rules?.values ?? []).map((rule, index) =>
		rule.renameOutput && rule.outputKey ? rule.outputKey : String(index),
	);
	if (options?.fallbackOutput === 'extra') names.push(options.renameFallbackOutput || 'Fallback');
	return names;
}

function pairedIndexes(item: NodeItem): number[] {
	const paired = item.pairedItem;
	if (paired === undefined) return [];
	if (typeof paired === 'number') return [paired];
	return (Array.isArray(paired) ? paired : [paired]).map((pair) => pair.item);
}

/** Segmind output item index -> the name of the Switch output it came out of. */
function branches(run: WorkflowRun, node: WorkflowNode): Map<number, string> {
	const taken = new Map<number, string>();
	switchOutputNames(node).forEach((name, output) => {
		for (const item of nodeItems(run, node.name, { output }))
			for (const index of pairedIndexes(item)) taken.set(index, name);
	});
	return taken;
}

export function demoRows(run: WorkflowRun, workflow: WorkflowJson): DemoRow[] {
	const nodes = workflow.nodes as WorkflowNode[];
	const segmind = nodes.find((node) => node.type === segmindType);
	if (!segmind) throw new Error(`Workflow "${workflow.name}" has no Segmind GPT-4.5 node`);
	const next = ((workflow.connections as Connections)[segmind.name]?.main?.[0] ?? []).map(
		(connection) => connection.node,
	);
	const switchNode = nodes.find((node) => node.type === switchType && next.includes(node.name));
	const taken = switchNode ? branches(run, switchNode) : new Map<number, string>();
	return nodeJson(run, segmind.name).map((json, index) => ({
		reply: json.reply as string | null,
		success: json.success as boolean,
		status: json.status as string,
		statusMessage: json.statusMessage as string,
		remainingCredits: json.remainingCredits as number | null,
		branch: taken.get(index) ?? null,
	}));
}
