import { execFileSync } from 'child_process';
import * as path from 'path';

import { repoRoot } from './releases';

export interface NodeRuntime {
	/** Absolute path of the `node` binary. */
	binary: string;
	/** Folder whose include/node holds this Node's headers, for node-gyp's --nodedir. */
	prefix: string;
	version: string;
}

const cache = new Map<number, NodeRuntime>();

/**
 * The Node.js of that major version, found or fetched by scripts/with-node.sh, so that the
 * shell wrappers and the TypeScript code always agree on which binary runs n8n.
 */
export function nodeRuntime(major: number): NodeRuntime {
	const known = cache.get(major);
	if (known) return known;
	const script = path.join(repoRoot, 'scripts', 'with-node.sh');
	const output = execFileSync(
		'bash',
		[script, String(major), 'node', '-p', 'process.execPath + "\\n" + process.version'],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const [binary, version] = output.trim().split('\n');
	const runtime = { binary, prefix: path.dirname(path.dirname(binary)), version };
	cache.set(major, runtime);
	return runtime;
}
