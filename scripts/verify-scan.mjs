#!/usr/bin/env node
// Runs the lint step of n8n's community-package verification on this checkout.
// The real scan (`npx @n8n/scan-community-package <name>`) downloads the published tarball and
// the GitHub source its npm provenance points at, then calls the scanner's `analyzePackage` on
// both. We cannot download an unpublished package, so this calls the same function on the
// working tree (source leg) and on the tarball `npm pack` builds (tarball leg: what users get).
// Stricter than the scan: warnings fail too, and so does any inline `eslint` directive comment
// (the scan ignores them, so they only hide problems from a plain eslint run).
//
// Usage: node scripts/verify-scan.mjs [--no-build] [packageDir (default: the current directory)]
//   --no-build  pack dist/ as it is instead of running `npm run build` first

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const packageDir = path.resolve(args.find((arg) => !arg.startsWith('--')) ?? '.');

const fromHere = createRequire(import.meta.url);
const scannerPath = fromHere.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
// Resolved from the scanner so that we patch the very ESLint class it lints with.
const fromScanner = createRequire(scannerPath);
const { ESLint } = await import(pathToFileURL(fromScanner.resolve('eslint')).href);
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scannerPath).href);
// The scanner makes a temp dir when imported and never removes it.
fromScanner('tmp').setGracefulCleanup();

// The files the scan lints in the downloaded tarball (scanner.mjs, analyzePackageByName).
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];
const DIRECTIVE = /\/\/\s*eslint-(?:disable|enable)|\/\*\s*(?:eslint-(?:disable|enable)|eslint\s)/;

// `analyzePackage` returns only a verdict, and details only when there are errors:
// keep the ESLint results it produced so that warnings can be reported as well.
let observed;
const lintFiles = ESLint.prototype.lintFiles;
ESLint.prototype.lintFiles = async function (...patterns) {
	observed = await lintFiles.apply(this, patterns);
	return observed;
};

function directiveFindings(file, text) {
	return text.split('\n').flatMap((line, index) =>
		DIRECTIVE.test(line)
			? [
					{
						file,
						line: index + 1,
						column: 1,
						severity: 'error',
						message: 'Inline eslint directive: the scan ignores it and the project forbids it',
						ruleId: 'verify-scan/no-inline-config',
					},
				]
			: [],
	);
}

async function scan(leg, dir, patterns) {
	observed = undefined;
	const verdict = await analyzePackage(dir, patterns);
	if (verdict.error) throw verdict.error;
	if (!observed) {
		if (verdict.passed) return [];
		throw new Error(`${leg}: the scanner failed without linting: ${verdict.message}`);
	}
	const findings = observed.flatMap((result) => {
		const file = `${leg}: ${path.relative(dir, result.filePath)}`;
		return [
			...result.messages.map((m) => ({
				file,
				line: m.line ?? 0,
				column: m.column ?? 0,
				severity: m.severity === 2 ? 'error' : 'warning',
				message: m.message,
				ruleId: m.ruleId ?? 'eslint',
			})),
			...directiveFindings(file, fs.readFileSync(result.filePath, 'utf8')),
		];
	});
	// Guards the patch above: our list must never be clean where the scanner says no.
	if (!verdict.passed && findings.length === 0) {
		throw new Error(`${leg}: the scanner failed but reported nothing: ${verdict.message}`);
	}
	return findings;
}

// `n8n-node lint` in strict mode refuses an eslint.config.mjs that differs from its template.
// `npm run lint` runs eslint itself on nodes/ and credentials/ (`n8n-node lint` would lint
// scripts/ and test/ too, with node rules), so that check is made here.
function strictModeFindings() {
	const { n8n } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	if (!n8n?.strict) return [];
	const template = path.join(
		path.dirname(fromHere.resolve('@n8n/node-cli/eslint')),
		'../template/templates/shared/default/eslint.config.mjs',
	);
	const normalized = (file) => fs.readFileSync(file, 'utf8').replace(/\s+/g, ' ').trim();
	const config = path.join(packageDir, 'eslint.config.mjs');
	if (fs.existsSync(config) && normalized(config) === normalized(template)) return [];
	return [
		{
			file: 'source: eslint.config.mjs',
			line: 1,
			column: 1,
			severity: 'error',
			message: `Strict mode ("n8n.strict") needs the default config of @n8n/node-cli: ${normalized(template)}`,
			ruleId: 'verify-scan/strict-eslint-config',
		},
	];
}

function run(command, commandArgs, cwd) {
	const result = spawnSync(command, commandArgs, { cwd, encoding: 'utf8' });
	if (result.status !== 0) {
		throw new Error(
			`${command} ${commandArgs.join(' ')} failed in ${cwd}:\n${result.stdout}${result.stderr}`,
		);
	}
	return result.stdout;
}

// Without install scripts, so that a prepack script can never start another lint.
function packAndUnpack(tempDir) {
	const [{ filename, files }] = JSON.parse(
		run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tempDir], packageDir),
	);
	const unpacked = path.join(tempDir, 'package');
	fs.mkdirSync(unpacked);
	run(
		'tar',
		['-xzf', path.join(tempDir, filename), '-C', unpacked, '--strip-components=1'],
		tempDir,
	);
	return { unpacked, fileCount: files.length };
}

// n8n loads exactly these paths: a tarball without them installs but has no nodes.
function missingEntryFindings(unpacked) {
	const { n8n = {} } = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8'));
	return [...(n8n.nodes ?? []), ...(n8n.credentials ?? [])]
		.filter((entry) => !fs.existsSync(path.join(unpacked, entry)))
		.map((entry) => ({
			file: 'tarball: package.json',
			line: 1,
			column: 1,
			severity: 'error',
			message: `"${entry}" is listed in "n8n" but not packed`,
			ruleId: 'verify-scan/n8n-entry-missing',
		}));
}

const started = Date.now();
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-scan-'));
const findings = [];
let fileCount;
try {
	if (build) run('npm', ['run', 'build', '--silent'], packageDir);
	findings.push(
		...strictModeFindings(),
		...(await scan('source', packageDir, SOURCE_FILE_PATTERNS)),
	);
	const tarball = packAndUnpack(tempDir);
	fileCount = tarball.fileCount;
	findings.push(
		...(await scan('tarball', tarball.unpacked, TARBALL_FILE_PATTERNS)),
		...missingEntryFindings(tarball.unpacked),
	);
} finally {
	fs.rmSync(tempDir, { recursive: true, force: true });
}

findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
for (const f of findings) {
	console.log(`${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.message}  ${f.ruleId}`);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const scope = `source (${SOURCE_FILE_PATTERNS.join(', ')}) and tarball (${fileCount} files packed)`;
if (findings.length > 0) {
	console.log(`verify-scan: ${findings.length} finding(s) in ${scope}, ${seconds} s`);
	process.exit(1);
}
console.log(`verify-scan: no findings in ${scope}, ${seconds} s`);
