// Redis and Postgres come from Debian's packages: installed with apt-get when missing, which
// needs root (as on CI and this project's containers); anyone else is told what to run.
import { execFile } from 'child_process';

import type { Log } from '../stack/steps';

async function aptGet(args: string[]): Promise<{ ok: boolean; output: string }> {
	return await new Promise((resolve) => {
		execFile(
			'apt-get',
			args,
			{ env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 64 * 1024 * 1024 },
			(error, stdout, stderr) => resolve({ ok: !error, output: `${stdout}${stderr}` }),
		);
	});
}

/**
 * Makes sure `isInstalled()` holds, installing Debian's `packageName` when it does not
 * (`apt-get update` first only when the install fails without it).
 */
export async function ensureDebianPackage(
	packageName: string,
	isInstalled: () => boolean,
	log: Log,
): Promise<void> {
	if (isInstalled()) return;
	if (process.getuid?.() !== 0)
		throw new Error(
			`Debian's ${packageName} is needed: sudo apt-get install -y ${packageName} (or run as root)`,
		);
	log(`Installing Debian's ${packageName} (apt-get, first run only)...`);
	let result = await aptGet(['install', '-y', packageName]);
	if (!result.ok) {
		const update = await aptGet(['update']);
		if (!update.ok) throw new Error(`apt-get update failed:\n${update.output.slice(-2000)}`);
		result = await aptGet(['install', '-y', packageName]);
	}
	if (!result.ok || !isInstalled())
		throw new Error(`apt-get install ${packageName} failed:\n${result.output.slice(-2000)}`);
}
