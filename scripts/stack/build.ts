// `npm run build`, so n8n loads the package as the working tree has it now (or as another
// checkout of it, at `root`, has it).
import { execFile } from 'child_process';

import { repoRoot } from '../n8n/releases';

export async function buildPackage(root: string = repoRoot): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		execFile(
			'npm',
			['run', 'build'],
			{ cwd: root, maxBuffer: 16 * 1024 * 1024 },
			(error, stdout, stderr) => {
				if (error) reject(new Error(`npm run build failed:\n${stdout}${stderr}`.trimEnd()));
				else resolve();
			},
		);
	});
}
