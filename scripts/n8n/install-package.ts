import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { repoRoot } from './releases';

interface PackageJson {
	name: string;
	version: string;
	n8n: { credentials?: string[]; nodes?: string[] };
	[key: string]: unknown;
}

const packageAt = (root: string) =>
	JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageJson;

/**
 * Installs this package into an n8n user folder the way n8n installs a community package:
 * the packed tarball is unpacked into ~/.n8n/nodes/node_modules/<name>, its dev, peer and
 * optional dependencies are dropped, and ~/.n8n/nodes/package.json lists it.
 * Packing (not a symlink to the repo) matters: it proves the `files` field ships what n8n
 * loads, and `require('n8n-workflow')` then resolves to n8n's own copy, as for users, instead
 * of this repo's devDependency.
 * `packageRoot` is this repository by default; another checkout of it may stand there (an
 * earlier commit's build, which the bench compares against).
 */
export function installPackage(userFolder: string, packageRoot: string = repoRoot): string {
	const own = packageAt(packageRoot);
	const missing = [...(own.n8n.credentials ?? []), ...(own.n8n.nodes ?? [])].filter(
		(file) => !fs.existsSync(path.join(packageRoot, file)),
	);
	if (missing.length)
		throw new Error(`Build the package first (npm run build): missing ${missing.join(', ')}`);

	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', own.name);
	fs.mkdirSync(packageDir, { recursive: true });
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', nodesDir], {
			cwd: packageRoot,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		}),
	) as Array<{ filename: string }>;
	const tarball = path.join(nodesDir, packed[0].filename);
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	fs.rmSync(tarball);

	const manifestFile = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		fs.readFileSync(manifestFile, 'utf8'),
	) as PackageJson;
	fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
	listInstalled(nodesDir, own);
	return packageDir;
}

/** Records a package in ~/.n8n/nodes/package.json, as n8n's installs do. */
function listInstalled(nodesDir: string, { name, version }: { name: string; version: string }) {
	const file = path.join(nodesDir, 'package.json');
	const installed: { dependencies: Record<string, string> } = fs.existsSync(file)
		? JSON.parse(fs.readFileSync(file, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	installed.dependencies[name] = version;
	fs.writeFileSync(file, JSON.stringify(installed, null, 2));
}

/**
 * Links another community package folder (one with its own package.json `n8n` field, built
 * elsewhere) into the user folder beside this one, for nodes that exist only in tests or the
 * bench. Its nodes may use this package's credential types.
 */
export function linkPackage(userFolder: string, packageFolder: string): void {
	const manifest = JSON.parse(
		fs.readFileSync(path.join(packageFolder, 'package.json'), 'utf8'),
	) as PackageJson;
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const modules = path.join(nodesDir, 'node_modules');
	fs.mkdirSync(modules, { recursive: true });
	fs.symlinkSync(packageFolder, path.join(modules, manifest.name), 'dir');
	listInstalled(nodesDir, manifest);
}
