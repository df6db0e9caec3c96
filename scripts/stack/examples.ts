// The example workflows shipped in examples/, as n8n imports them.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import type { WorkflowJson } from '../n8n/sandbox';
import { repoRoot } from '../n8n/releases';

export const examplesDir = path.join(repoRoot, 'examples');

export interface Example {
	file: string;
	/** Of the file's bytes: tells a changed example from one already imported. */
	hash: string;
	workflow: WorkflowJson;
}

export function readExamples(dir = examplesDir): Example[] {
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => {
			const file = path.join(dir, name);
			const text = fs.readFileSync(file, 'utf8');
			const workflow = JSON.parse(text) as WorkflowJson;
			if (!workflow.id) throw new Error(`${file} has no "id": n8n would import it again each time`);
			return {
				file,
				hash: createHash('sha256').update(text).digest('hex'),
				// Examples with a Schedule Trigger must not start running on their own.
				workflow: { ...workflow, active: false },
			};
		});
}
