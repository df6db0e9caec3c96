// Builds the floor node's community package in a temp folder for the sandbox to link: the
// TypeScript transpiled on the spot, so it never sits in this package's dist/ or its n8n.nodes.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

export const FLOOR_PACKAGE = 'n8n-nodes-segmind-bench-floor';
export const FLOOR_NODE_TYPE = `${FLOOR_PACKAGE}.segmindBenchFloor`;
const NODE_FILE = 'SegmindBenchFloor.node';

/** Writes the package and returns its folder; the caller removes it when done. */
export function buildFloorPackage(): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), `${FLOOR_PACKAGE}-`));
	const source = fs.readFileSync(path.join(__dirname, `${NODE_FILE}.ts`), 'utf8');
	const { outputText, diagnostics } = ts.transpileModule(source, {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
		reportDiagnostics: true,
	});
	if (diagnostics?.length) {
		throw new Error(
			`The floor node does not transpile: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n')}`,
		);
	}
	fs.mkdirSync(path.join(folder, 'dist'));
	fs.writeFileSync(path.join(folder, 'dist', `${NODE_FILE}.js`), outputText);
	const manifest = {
		name: FLOOR_PACKAGE,
		version: '0.0.0',
		private: true,
		keywords: ['n8n-community-node-package'],
		n8n: { n8nNodesApiVersion: 1, nodes: [`dist/${NODE_FILE}.js`] },
	};
	fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
	return folder;
}
