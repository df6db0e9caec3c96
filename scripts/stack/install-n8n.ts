// The pinned n8n 2.x, installed on first use (minutes: say so before the installer's own lines).
import * as fs from 'fs';
import * as path from 'path';

import { ensureN8n, type N8nInstall } from '../n8n/install';
import { releases } from '../n8n/releases';
import type { Log } from './steps';

const release = releases.v2;

/** The n8n version the committed lock pins, e.g. 2.41.1. */
export function pinnedN8nVersion(): string {
	const manifest = JSON.parse(
		fs.readFileSync(path.join(release.lockDir, 'package.json'), 'utf8'),
	) as { dependencies: Record<string, string> };
	return manifest.dependencies.n8n;
}

export async function installN8n(log: Log): Promise<N8nInstall> {
	if (!fs.existsSync(path.join(release.installDir, 'node_modules', 'n8n', 'package.json')))
		log(`Installing n8n ${pinnedN8nVersion()} (first run only, a few minutes)...`);
	return await ensureN8n(release.line);
}
