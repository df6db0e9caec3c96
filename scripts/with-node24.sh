#!/usr/bin/env bash
# Runs a command with Node.js 24 first on PATH (n8n-core 2.41, n8n 2.41 and jest need it):
# a Node 24 already on PATH, else one fetched from the npm registry into .cache/node24, once.
exec bash "$(dirname "${BASH_SOURCE[0]}")/with-node.sh" 24 "$@"
