// Which examples a kept n8n user folder still needs: an example is imported once, and again only
// when its file changes, so edits made to it in the editor survive a restart.
import * as fs from 'fs';
import * as path from 'path';

import type { Example } from './examples';

/** Workflow id -> hash of the example file last imported under it. */
type Imported = Record<string, string>;

const stateFile = (userFolder: string) => path.join(userFolder, 'imported-examples.json');

function readImported(userFolder: string, databaseFile: string): Imported {
	// A new database holds nothing, whatever an old state file says.
	if (!fs.existsSync(databaseFile)) return {};
	try {
		return JSON.parse(fs.readFileSync(stateFile(userFolder), 'utf8')) as Imported;
	} catch {
		return {};
	}
}

export function examplesToImport(
	userFolder: string,
	databaseFile: string,
	examples: Example[],
): Example[] {
	const imported = readImported(userFolder, databaseFile);
	return examples.filter((example) => imported[example.workflow.id] !== example.hash);
}

export function recordImported(userFolder: string, databaseFile: string, examples: Example[]) {
	const imported = readImported(userFolder, databaseFile);
	for (const example of examples) imported[example.workflow.id] = example.hash;
	fs.writeFileSync(stateFile(userFolder), JSON.stringify(imported, null, '\t') + '\n');
}
