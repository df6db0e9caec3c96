// Where the CPU went while this node ran, from a V8 CPU profile of `n8n execute --cpu-prof`:
// the node's own code apart from n8n's work for it (parameters, authentication, HTTP client).
import * as fs from 'fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	samples: number[];
	timeDeltas: number[];
}

export interface CpuShare {
	name: string;
	ms: number;
}

export interface CpuBreakdown {
	/**
	 * Time the main thread was not idle from the node's `execute` to the last sample in this
	 * package's code, split by who did the work.
	 */
	busyMs: number;
	shares: CpuShare[];
}

const PACKAGE_CODE = /n8n-nodes-segmind\/dist\//;
export const OWN_CODE = "this package's own code";
const NODE_EXECUTE = /n8n-nodes-segmind\/dist\/nodes\/SegmindGpt45\/SegmindGpt45\.node\.js$/;

/** First match wins: a sample's leaf decides "own code"; its stack decides the rest. */
const CATEGORIES: Array<{ name: string; matches: (stack: ProfileNode[]) => boolean }> = [
	{
		name: OWN_CODE,
		matches: (stack) => PACKAGE_CODE.test(stack[0].callFrame.url),
	},
	{
		name: "n8n's authentication (credential lookup and the credential's authenticate)",
		matches: (stack) =>
			stack.some(
				({ callFrame }) =>
					callFrame.functionName === 'authenticate' && /credentials-helper/.test(callFrame.url),
			),
	},
	{
		name: "reading the items' parameters (n8n evaluates their expressions)",
		matches: (stack) =>
			stack.some(({ callFrame }) => /getNodeParameter$/i.test(callFrame.functionName)),
	},
	{
		name: "n8n's HTTP client (axios, agents, sockets)",
		matches: (stack) =>
			stack.some(({ callFrame: { url } }) =>
				/axios|backend-network|follow-redirects|node:(net|_http|internal\/streams|stream)/.test(
					url,
				),
			),
	},
	{
		name: 'garbage collection',
		matches: (stack) => stack[0].callFrame.functionName === '(garbage collector)',
	},
	{ name: 'the rest of n8n and Node.js', matches: () => true },
];

/** Reads a profile and splits the CPU time of this node's run; undefined if it never ran there. */
export function nodeCpuBreakdown(file: string): CpuBreakdown | undefined {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parentOf = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parentOf.set(child, node.id);
	const stackOf = (id: number) => {
		const stack: ProfileNode[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
			stack.push(byId.get(at) as ProfileNode);
		}
		return stack;
	};

	const times: number[] = [];
	let now = profile.startTime;
	for (const delta of profile.timeDeltas) times.push((now += delta));
	const stacks = profile.samples.map(stackOf);
	const first = stacks.findIndex((stack) =>
		stack.some(
			({ callFrame }) => callFrame.functionName === 'execute' && NODE_EXECUTE.test(callFrame.url),
		),
	);
	if (first < 0) return undefined;
	let last = first;
	stacks.forEach((stack, index) => {
		if (index > first && stack.some(({ callFrame }) => PACKAGE_CODE.test(callFrame.url)))
			last = index;
	});

	const shares = new Map(CATEGORIES.map(({ name }) => [name, 0]));
	let busyUs = 0;
	for (let index = first; index < last; index++) {
		const stack = stacks[index];
		if (stack[0].callFrame.functionName === '(idle)') continue;
		const durationUs = times[index + 1] - times[index];
		busyUs += durationUs;
		const category = CATEGORIES.find(({ matches }) =>
			matches(stack),
		) as (typeof CATEGORIES)[number];
		shares.set(category.name, (shares.get(category.name) ?? 0) + durationUs);
	}
	return {
		busyMs: busyUs / 1000,
		shares: [...shares].map(([name, us]) => ({ name, ms: us / 1000 })),
	};
}
