#!/usr/bin/env bash
# Runs a command with Node.js 24 or later first on PATH.
# n8n-core 2.41 and n8n 2.41 need Node 24, and a fresh machine may ship an older Node:
# then Node 24 comes from the npm registry (package node-<platform>-<arch>) into .cache/node24, once.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 24 ]; then
  platform="$(node -p 'process.platform + "-" + process.arch')"
  dir="$root/.cache/node24"
  bin="$dir/node_modules/node-$platform/bin"
  if [ ! -x "$bin/node" ]; then
    echo "Fetching Node.js 24 (node-$platform) into .cache/node24 ..." >&2
    mkdir -p "$dir"
    [ -f "$dir/package.json" ] || echo '{"private": true}' > "$dir/package.json"
    npm install --prefix "$dir" --no-audit --no-fund --silent "node-$platform@24" >&2
  fi
  export PATH="$bin:$PATH"
fi
exec "$@"
