// One Segmind plan shared by every execution on two workers: more executions fired at once than
// the plan's 50 requests a minute allow, each item waiting its turn on 429s (rateLimitWait);
// the share of the plan's capacity used over the run, the requests sent per billed request,
// and no item failed. Then the Free plan (5 a minute) and one execution with requestsPerMinute
// unset. Both cases run twice in one bench run: on the package as of the last commit before
// one pause per plan (each item waited out its own 429s), and on this package.
import * as fs from 'fs';

import { planUsage, type PlanUsage } from '../../scripts/queue/plan-usage';
import type { QueueStack } from '../../scripts/queue/queue-stack';
import { sharedPlanKeys, sharedPlanLabel } from '../../scripts/queue/shared-plan';
import { webhookWorkflow } from '../../scripts/queue/webhook-workflow';
import { BEFORE_PLAN_GATE, buildPackageAt } from '../before/package';
import { PACED_LIMIT_PER_MINUTE } from '../credentials';
import { ms } from '../format';
import { executionBodies, fireAtOnce, withQueueStack, type Fired } from '../queueMode';
import { atLeast, atMost, defineRow, type RowContext, type TargetCheck } from './row';

const STACK = { workers: 2, workerConcurrency: 10, latencyMs: 100 };

interface PlanCase {
	name: string;
	/** Requests per window. */
	limit: number;
	executions: number;
	itemsPerExecution: number;
	/** The Segmind node's options. */
	segmindOptions: Record<string, unknown>;
	/** What the case is, for the details. */
	about: string;
}

const SHARED: PlanCase = {
	name: 'shared-plan',
	limit: PACED_LIMIT_PER_MINUTE,
	/** 200 requests fired at once: four windows' worth, so 3 minutes of waiting on 429s. */
	executions: 20,
	itemsPerExecution: 10,
	/** rateLimitWait: long enough for the last item, which waits about three windows. */
	segmindOptions: { concurrency: 5, rateLimitWait: 300_000 },
	about: 'the Segmind node at concurrency 5, rateLimitWait 300000 ms',
};

const FREE: PlanCase = {
	name: 'free-plan',
	limit: 5,
	executions: 1,
	itemsPerExecution: 10,
	segmindOptions: {},
	about:
		'the Segmind node with its default options (concurrency 5, requestsPerMinute unset, rateLimitWait 120000 ms)',
};

const CASES = [FREE, SHARED];
const WINDOW_MS = 60_000;
/** --short: the same requests against the same limits per 10 s instead of per minute. */
const SHORT_WINDOW_MS = 10_000;
/** The log holds arrival times; the emulator admits a request once its body is read, a moment later. */
const ADMISSION_SLACK_MS = 500;
const TARGET_SHARE = 0.95;
const TARGET_REQUESTS_PER_BILLED = 1.5;

interface PackageUnderTest {
	name: 'before' | 'after';
	label: string;
	/** A commit to build; this checkout's build when absent. */
	ref?: string;
}

const PACKAGES: PackageUnderTest[] = [
	{
		name: 'before',
		label: `before: ${BEFORE_PLAN_GATE}, each item waits out its own 429s`,
		ref: BEFORE_PLAN_GATE,
	},
	{ name: 'after', label: 'after: this package, one pause per plan' },
];

interface CaseRun extends Fired {
	planCase: PlanCase;
	usage: PlanUsage;
	/** Windows of `windowMs` from the first request to the last billed one, counted whole. */
	windows: number;
	firstToLastBilledMs: number;
}

interface PackageRuns {
	pkg: PackageUnderTest;
	runs: CaseRun[];
}

interface SharedPlanResult {
	windowMs: number;
	packages: PackageRuns[];
}

const workflowId = (planCase: PlanCase) => `bench-${planCase.name}`;

async function runCase(
	stack: QueueStack,
	planCase: PlanCase,
	windowMs: number,
	runName: string,
): Promise<CaseRun> {
	stack.emulator.configure({ keys: sharedPlanKeys(planCase.limit), rateLimitWindowMs: windowMs });
	stack.emulator.reset();
	const bodies = executionBodies(
		`${runName} ${planCase.name}`,
		planCase.executions,
		planCase.itemsPerExecution,
	);
	const fired = await fireAtOnce(stack, workflowId(planCase), bodies);
	const { log } = stack.emulator;
	const usage = planUsage(log, sharedPlanLabel, windowMs - ADMISSION_SLACK_MS);
	const first = Math.min(...log.map((entry) => entry.receivedAt));
	const billedTimes = log.filter((entry) => entry.status === 200).map((entry) => entry.receivedAt);
	const lastBilled = billedTimes.length > 0 ? Math.max(...billedTimes) : first;
	return {
		...fired,
		planCase,
		usage,
		windows: Math.floor((lastBilled - first) / windowMs) + 1,
		firstToLastBilledMs: lastBilled - first,
	};
}

async function measurePackage(
	{ progress }: RowContext,
	pkg: PackageUnderTest,
	windowMs: number,
): Promise<PackageRuns> {
	progress(`shared plan, ${pkg.label}${pkg.ref ? ': building it' : ''}`);
	const packageRoot = pkg.ref ? await buildPackageAt(pkg.ref) : undefined;
	try {
		return await withQueueStack(
			{
				workers: STACK.workers,
				workerConcurrency: STACK.workerConcurrency,
				packageRoot,
				emulator: {
					latencyMs: STACK.latencyMs,
					keys: sharedPlanKeys(),
					rateLimitWindowMs: windowMs,
				},
				workflows: (credential) =>
					CASES.map((planCase) =>
						webhookWorkflow({
							id: workflowId(planCase),
							credential,
							segmindOptions: planCase.segmindOptions,
						}),
					),
			},
			progress,
			async (stack) => {
				const runs: CaseRun[] = [];
				for (const [index, planCase] of CASES.entries()) {
					if (index > 0) {
						// What a worker learnt from the last case's 429s is forgotten a window after its
						// last pause: each case starts as a fresh process would (the same wait either way).
						progress(
							`${pkg.name}: waiting ${(windowMs + 5_000) / 1000} s for the plan's window to pass`,
						);
						await new Promise((resolve) => setTimeout(resolve, windowMs + 5_000));
					}
					const requests = planCase.executions * planCase.itemsPerExecution;
					progress(
						`${pkg.name}, ${planCase.name}: ${requests} requests fired at once against ${planCase.limit} per ${windowMs / 1000} s`,
					);
					runs.push(await runCase(stack, planCase, windowMs, pkg.name));
				}
				return { pkg, runs };
			},
		);
	} finally {
		if (packageRoot) fs.rmSync(packageRoot, { recursive: true, force: true });
	}
}

const perBilled = ({ usage }: CaseRun) => usage.requests / Math.max(usage.billed, 1);
const shareOf = ({ usage, windows, planCase }: CaseRun) =>
	usage.billed / (planCase.limit * windows);

const COLUMNS = [
	'row',
	'package',
	'executions x items',
	'plan (per window)',
	'requests sent',
	'billed (200)',
	'turned away (429)',
	'requests per billed request',
	'capacity used',
	'items failed',
	'billed twice',
];

function detailOf(pkg: PackageUnderTest, run: CaseRun, windowMs: number): string {
	const { planCase, usage, windows } = run;
	const window = `${windowMs / 1000} s`;
	const repeats = [
		`billed twice ${usage.billedTwice.length}`,
		`sent again after another answer than 429 ${usage.repeatedForOtherReasons.length}`,
		`never billed ${usage.neverBilled.length}`,
		`other statuses ${JSON.stringify(usage.otherStatuses)}`,
	];
	return `${planCase.name}, ${pkg.label}: ${STACK.workers} workers (n8n worker --concurrency=${STACK.workerConcurrency}), one plan of ${planCase.limit} requests per ${window} window: ${planCase.executions} execution(s) of ${planCase.itemsPerExecution} items fired at once through the published webhook (${planCase.about}, L = ${STACK.latencyMs} ms), answered after ${ms(run.wallMs)} ms; executions per worker ${run.perWorker.join(' / ')}. ${usage.requests} requests: ${usage.billed} billed (200), ${usage.rateLimited} turned away (429), ${perBilled(run).toFixed(2)} per billed request; ${repeats.join(', ')}. From the first request to the last billed one ${(run.firstToLastBilledMs / 1000).toFixed(1)} s: ${windows} windows of ${window}, capacity ${planCase.limit * windows}; most billed within any ${(windowMs - ADMISSION_SLACK_MS) / 1000} s ${usage.busiestSpan}; items not ok ${run.failedItems}.`;
}

function targetsOf(run: CaseRun, windowMs: number): TargetCheck[] {
	const { planCase, usage, windows } = run;
	const name = `${planCase.name} (after)`;
	const capacity = planCase.limit * windows;
	const checks: TargetCheck[] = [
		{
			what: `${name}: items failed`,
			target: '0',
			measured: String(run.failedItems),
			verdict: atMost(run.failedItems, 0),
		},
		{
			what: `${name}: contents billed twice`,
			target: '0',
			measured: String(usage.billedTwice.length),
			verdict: atMost(usage.billedTwice.length, 0),
		},
	];
	if (planCase !== SHARED) return checks;
	return [
		{
			what: `${name}: requests sent / billed requests, ${STACK.workers} workers`,
			target: `<= ${TARGET_REQUESTS_PER_BILLED}`,
			measured: `${perBilled(run).toFixed(2)} (${usage.requests} / ${usage.billed})`,
			verdict: atMost(perBilled(run), TARGET_REQUESTS_PER_BILLED),
		},
		{
			what: `${name}: billed requests / (${planCase.limit} x ${windowMs / 1000} s windows from the first request)`,
			target: `>= ${TARGET_SHARE * 100}%`,
			measured: `${(shareOf(run) * 100).toFixed(1)}% (${usage.billed} / ${capacity})`,
			verdict: atLeast(shareOf(run), TARGET_SHARE),
		},
		...checks,
	];
}

export const sharedPlan = defineRow<SharedPlanResult>({
	name: SHARED.name,
	summary: `queue mode, ${STACK.workers} workers: ${SHARED.executions * SHARED.itemsPerExecution} requests fired at once on one plan of ${SHARED.limit} a minute, and one execution of ${FREE.itemsPerExecution} items on the Free plan (${FREE.limit} a minute); on the package before one pause per plan (${BEFORE_PLAN_GATE}) and on this one (about 15 minutes)`,
	slow: true,
	shortens: true,
	workflows: () => [],
	measure: async (context) => {
		const windowMs = context.short ? SHORT_WINDOW_MS : WINDOW_MS;
		const packages: PackageRuns[] = [];
		for (const pkg of PACKAGES) packages.push(await measurePackage(context, pkg, windowMs));
		return { windowMs, packages };
	},
	render: ({ windowMs, packages }) => {
		const window = `${windowMs / 1000} s`;
		const after = packages.find(({ pkg }) => pkg.name === 'after');
		return {
			tables: [SHARED, FREE].flatMap((planCase) =>
				packages.map(({ pkg, runs }) => {
					const run = runs.find((caseRun) => caseRun.planCase === planCase)!;
					const { usage } = run;
					return {
						columns: COLUMNS,
						cells: [
							planCase.name,
							pkg.name === 'before' ? `before (${BEFORE_PLAN_GATE})` : 'after',
							`${planCase.executions} x ${planCase.itemsPerExecution}`,
							`${planCase.limit} per ${window}`,
							String(usage.requests),
							String(usage.billed),
							String(usage.rateLimited),
							perBilled(run).toFixed(2),
							`${(shareOf(run) * 100).toFixed(1)}%`,
							String(run.failedItems),
							String(usage.billedTwice.length),
						],
					};
				}),
			),
			details: packages.flatMap(({ pkg, runs }) => runs.map((run) => detailOf(pkg, run, windowMs))),
			targets: after ? after.runs.flatMap((run) => targetsOf(run, windowMs)) : [],
		};
	},
});
