// Installs a pinned n8n from its committed lock file into .cache, once.
// Usage: bash scripts/with-node24.sh npx tsx scripts/n8n/install.ts [v2|v1 ...]   (default: v2)
import { spawn, spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { withInstallLock } from './install-lock';
import { nodeRuntime, type NodeRuntime } from './node-runtime';
import { isN8nLine, releases, repoRoot, type N8nLine, type N8nRelease } from './releases';

export interface N8nInstall {
	release: N8nRelease;
	runtime: NodeRuntime;
	/** n8n's own version, e.g. 2.41.1. */
	n8nVersion: string;
	/** The n8n CLI script, run with runtime.binary. */
	n8nScript: string;
}

/** What the marker file records: the lock installed and the Node sqlite3 was built for. */
interface Marker {
	lockHash: string | null;
	sqliteBuiltFor: string | null;
}

const markerName = '.segmind-install.json';
const logName = 'install.log';
const lockFiles = ['package.json', 'package-lock.json'];

function lockHash(release: N8nRelease): string {
	const hash = createHash('sha256');
	for (const file of lockFiles) hash.update(fs.readFileSync(path.join(release.lockDir, file)));
	return hash.digest('hex');
}

function readMarker(release: N8nRelease): Marker | undefined {
	try {
		return JSON.parse(fs.readFileSync(path.join(release.installDir, markerName), 'utf8')) as Marker;
	} catch {
		return undefined;
	}
}

function writeMarker(release: N8nRelease, marker: Marker) {
	fs.writeFileSync(
		path.join(release.installDir, markerName),
		JSON.stringify(marker, null, '\t') + '\n',
	);
}

function sameFile(a: string, b: string): boolean {
	return fs.existsSync(a) && fs.existsSync(b) && fs.readFileSync(a).equals(fs.readFileSync(b));
}

/**
 * An install made before this script existed (by hand, with npm install from the same lock)
 * has no marker: it is kept when its lock files match and npm finished writing node_modules.
 */
function matchesUnmarkedInstall(release: N8nRelease): boolean {
	const { lockDir, installDir } = release;
	return (
		lockFiles.every((file) => sameFile(path.join(lockDir, file), path.join(installDir, file))) &&
		fs.existsSync(path.join(installDir, 'node_modules', '.package-lock.json'))
	);
}

function elapsed(since: number): string {
	const seconds = Math.round((Date.now() - since) / 1000);
	return seconds < 60
		? `${seconds}s`
		: `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

function say(release: N8nRelease, message: string) {
	process.stderr.write(`[n8n ${release.line}] ${message}\n`);
}

/** Package folders npm ci will create (an estimate: dev and optional ones are left out). */
function expectedPackages(release: N8nRelease): string[] {
	const lock = JSON.parse(
		fs.readFileSync(path.join(release.lockDir, 'package-lock.json'), 'utf8'),
	) as {
		packages: Record<string, { dev?: boolean; optional?: boolean }>;
	};
	return Object.entries(lock.packages)
		.filter(([key, entry]) => key !== '' && !entry.dev && !entry.optional)
		.map(([key]) => key);
}

/** Runs a command, its output appended to install.log; a failure's error quotes the log's end. */
async function run(
	release: N8nRelease,
	label: string,
	command: string,
	args: string[],
	options: {
		cwd: string;
		env: NodeJS.ProcessEnv;
		progress?: () => string;
	},
): Promise<void> {
	const logFile = path.join(release.installDir, logName);
	const log = fs.openSync(logFile, 'a');
	fs.writeSync(
		log,
		`\n$ ${command} ${args.join(' ')}   (in ${options.cwd}, ${new Date().toISOString()})\n`,
	);
	const started = Date.now();
	say(release, `${label} ...`);
	const ticker = setInterval(() => {
		const detail = options.progress ? `, ${options.progress()}` : '';
		say(release, `${label}: ${elapsed(started)}${detail}`);
	}, 10_000);
	try {
		const code = await new Promise<number | null>((resolve, reject) => {
			const child = spawn(command, args, {
				cwd: options.cwd,
				env: options.env,
				stdio: ['ignore', log, log],
			});
			child.on('error', reject);
			child.on('close', resolve);
		});
		if (code !== 0) {
			const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
			throw new Error(`${label} failed (exit ${code}); end of ${logFile}:\n${tail}`);
		}
		say(release, `${label}: done in ${elapsed(started)}`);
	} finally {
		clearInterval(ticker);
		fs.closeSync(log);
	}
}

function envWithNode(runtime: NodeRuntime): NodeJS.ProcessEnv {
	return {
		...process.env,
		PATH: `${path.dirname(runtime.binary)}${path.delimiter}${process.env.PATH ?? ''}`,
	};
}

async function npmCi(release: N8nRelease, runtime: NodeRuntime) {
	const { installDir, lockDir } = release;
	const packages = expectedPackages(release);
	const progress = () => {
		const unpacked = packages.filter((key) =>
			fs.existsSync(path.join(installDir, key, 'package.json')),
		).length;
		return `${unpacked} of about ${packages.length} packages unpacked`;
	};
	for (const file of lockFiles)
		fs.copyFileSync(path.join(lockDir, file), path.join(installDir, file));
	say(
		release,
		`installing n8n from ${path.relative(repoRoot, lockDir)} (a first install takes minutes)`,
	);
	await run(
		release,
		'npm ci',
		'npm',
		['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'],
		{ cwd: installDir, env: envWithNode(runtime), progress },
	);
}

function sqliteLoads(release: N8nRelease, runtime: NodeRuntime): boolean {
	const probe = spawnSync(runtime.binary, ['-e', "require('sqlite3')"], {
		cwd: release.installDir,
		stdio: 'ignore',
	});
	return probe.status === 0;
}

/** node-gyp as bundled with the npm on PATH, so nothing more is downloaded. */
function nodeGypScript(): string {
	const npm = (process.env.PATH ?? '')
		.split(path.delimiter)
		.map((dir) => path.join(dir, 'npm'))
		.find((file) => fs.existsSync(file));
	if (!npm) throw new Error('npm not found on PATH');
	// npm's bin/npm-cli.js sits in its package folder, beside its bundled node_modules.
	const candidate = path.join(
		path.dirname(fs.realpathSync(npm)),
		'..',
		'node_modules',
		'node-gyp',
		'bin',
		'node-gyp.js',
	);
	if (!fs.existsSync(candidate))
		throw new Error(`node-gyp not found where npm bundles it (${candidate})`);
	return candidate;
}

/** Only sqlite3 needs its native part built; all other install scripts stay off. */
async function buildSqlite(release: N8nRelease, runtime: NodeRuntime) {
	const headers = path.join(runtime.prefix, 'include', 'node', 'node.h');
	if (!fs.existsSync(headers)) throw new Error(`Node.js headers missing: ${headers}`);
	await run(
		release,
		`building sqlite3 for Node ${runtime.version}`,
		runtime.binary,
		[nodeGypScript(), 'rebuild', `--nodedir=${runtime.prefix}`, '--jobs=max'],
		{ cwd: path.join(release.installDir, 'node_modules', 'sqlite3'), env: envWithNode(runtime) },
	);
	if (!sqliteLoads(release, runtime))
		throw new Error(`sqlite3 was built but does not load on Node ${runtime.version}`);
}

function describe(release: N8nRelease, runtime: NodeRuntime): N8nInstall {
	const n8nDir = path.join(release.installDir, 'node_modules', 'n8n');
	const { version } = JSON.parse(fs.readFileSync(path.join(n8nDir, 'package.json'), 'utf8')) as {
		version: string;
	};
	return { release, runtime, n8nVersion: version, n8nScript: path.join(n8nDir, 'bin', 'n8n') };
}

async function install(release: N8nRelease, runtime: NodeRuntime, hash: string) {
	const marker = readMarker(release);
	const installed = marker ? marker.lockHash === hash : matchesUnmarkedInstall(release);
	if (!installed) {
		// Recorded before npm ci starts, so an interrupted install is never taken for a finished one.
		writeMarker(release, { lockHash: null, sqliteBuiltFor: null });
		await npmCi(release, runtime);
	}
	writeMarker(release, { lockHash: hash, sqliteBuiltFor: null });
	if (!sqliteLoads(release, runtime)) await buildSqlite(release, runtime);
	writeMarker(release, { lockHash: hash, sqliteBuiltFor: runtime.version });
}

/**
 * Makes sure the pinned n8n of that line is installed and its sqlite3 built for the Node it
 * runs on. Idempotent and cheap when nothing changed (the marker records the lock's hash).
 */
export async function ensureN8n(line: N8nLine): Promise<N8nInstall> {
	const release = releases[line];
	const runtime = nodeRuntime(release.nodeMajor);
	const hash = lockHash(release);
	const current = (marker?: Marker) =>
		marker?.lockHash === hash && marker.sqliteBuiltFor === runtime.version;
	if (!current(readMarker(release))) {
		fs.mkdirSync(release.installDir, { recursive: true });
		await withInstallLock(`${release.installDir}.lock`, async () => {
			if (!current(readMarker(release))) await install(release, runtime, hash);
		});
	}
	return describe(release, runtime);
}

async function main(args: string[]) {
	const lines = args.length ? args : ['v2'];
	for (const line of lines) {
		if (!isN8nLine(line)) throw new Error(`Unknown n8n line "${line}" (expected v2 or v1)`);
		const started = Date.now();
		const { n8nVersion, runtime, release } = await ensureN8n(line);
		say(
			release,
			`n8n ${n8nVersion} ready on Node ${runtime.version} in ${release.installDir} (${elapsed(started)})`,
		);
	}
}

if (require.main === module) {
	main(process.argv.slice(2)).catch((error: Error) => {
		process.stderr.write(`${error.message}\n`);
		process.exit(1);
	});
}
