#!/usr/bin/env bash
# Runs `n8n-node lint`, unchanged and in strict mode, over what the package is made of.
# n8n-node lint lints every .ts file below the folder it runs in with the rules for node code
# (no process, no timers, no Node.js built-ins); our tests, emulator and scripts are TypeScript
# that needs those, so the package's own files are staged alone and linted there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
stage="$root/.cache/lint-stage"
rm -rf "$stage"
mkdir -p "$stage"
cp -R "$root/package.json" "$root/eslint.config.mjs" "$root/tsconfig.json" "$root/nodes" "$root/credentials" "$stage/"
ln -s "$root/node_modules" "$stage/node_modules"
cd "$stage"
exec "$root/node_modules/.bin/n8n-node" lint
