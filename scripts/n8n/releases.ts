import * as path from 'path';

/** The two n8n lines the end-to-end suite runs against, each pinned by a committed lock file. */
export type N8nLine = 'v2' | 'v1';

export interface N8nRelease {
	line: N8nLine;
	/** Node.js major version n8n runs on; sqlite3 is built for exactly this one. */
	nodeMajor: number;
	/** Committed package.json + package-lock.json. */
	lockDir: string;
	/** Where the lock is installed (git-ignored). */
	installDir: string;
	/** Environment this line needs on top of the sandbox's. */
	env: Record<string, string>;
}

export const repoRoot = path.resolve(__dirname, '..', '..');

const release = (
	line: N8nLine,
	nodeMajor: number,
	env: Record<string, string> = {},
): N8nRelease => ({
	line,
	nodeMajor,
	lockDir: path.join(repoRoot, 'scripts', 'n8n', 'pinned', line),
	installDir: path.join(repoRoot, '.cache', `n8n-${line}`),
	env,
});

export const releases: Record<N8nLine, N8nRelease> = {
	// n8n 2.36 and later require Node 24.
	v2: release('v2', 24),
	// The last 1.x still runs on Node 20, but only with the expression engine it shipped with. It
	// has no AI node SDK: the preload keeps the repository's copy from standing in for one.
	v1: release('v1', 20, {
		N8N_EXPRESSION_ENGINE: 'legacy',
		NODE_OPTIONS: `--require ${path.join(__dirname, 'block-ai-node-sdk.cjs')}`,
	}),
};

export function isN8nLine(value: string): value is N8nLine {
	return value in releases;
}
