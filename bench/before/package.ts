// Builds this package as an earlier commit had it, in a temp folder, for rows that compare
// today's package with it in the same run: the commit's files (git archive), this checkout's
// node_modules linked in, `npm run build`. The caller removes the folder when done.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { repoRoot } from '../../scripts/n8n/releases';
import { buildPackage } from '../../scripts/stack/build';

/**
 * The last commit whose billed requests each waited out their own 429 (the 0.2 policy, before
 * one pause per plan): what the shared-plan rows show as "before".
 */
export const BEFORE_PLAN_GATE = '6c53791';

/** Writes the package as of `ref`, built, and returns its folder. */
export async function buildPackageAt(ref: string): Promise<string> {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-nodes-segmind-${ref}-`));
	try {
		const archive = path.join(folder, 'source.tar');
		execFileSync('git', ['archive', '--format=tar', '-o', archive, ref], { cwd: repoRoot });
		execFileSync('tar', ['-xf', archive, '-C', folder]);
		fs.rmSync(archive);
		fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
		await buildPackage(folder);
		return folder;
	} catch (error) {
		fs.rmSync(folder, { recursive: true, force: true });
		throw new Error(`Could not build the package as of ${ref}: ${String(error)}`);
	}
}
