#!/usr/bin/env bash
# Usage: with-node.sh MAJOR CMD...
# Runs CMD with a Node.js of exactly that major version first on PATH.
# Native modules (n8n's sqlite3) are built for one Node ABI, so "any newer Node" is not enough.
# The first such `node` on PATH wins; else the npm package node-<platform>-<arch>@MAJOR is
# fetched into .cache/node<MAJOR>, once (its folder also holds the headers node-gyp needs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want="$1"
shift
major_of() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || true; }
while IFS= read -r candidate; do
  if [ "$(major_of "$candidate")" = "$want" ]; then
    export PATH="$(dirname "$candidate"):$PATH"
    exec "$@"
  fi
done < <(type -ap node)
any_node="$(type -p node)"
platform="$("$any_node" -p 'process.platform + "-" + process.arch')"
dir="$root/.cache/node$want"
bin="$dir/node_modules/node-$platform/bin"
if [ ! -x "$bin/node" ]; then
  echo "Fetching Node.js $want (node-$platform) into .cache/node$want ..." >&2
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"private": true}' > "$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --silent "node-$platform@$want" >&2
fi
export PATH="$bin:$PATH"
exec "$@"
