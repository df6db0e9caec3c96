#!/usr/bin/env bash
# `npm test`: the whole proof, as CI runs it. Build, types and lint first, then every jest project
# (unit, engine, emulator, e2e in n8n 2.41.1), the e2e suite again in n8n 1.123.81, the Segmind
# Trigger polling in both lines at once, and the browser test of the editor. The first run
# installs Node 24, both n8n and Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
step() { printf '\n== %s\n' "$*"; }

step 'build'
npm run build
step 'types'
npx tsc -p tsconfig.test.json --noEmit
step 'lint (n8n-node lint and the verification scan, source and tarball)'
npm run lint
step 'jest: unit, engine, emulator, e2e in n8n 2.41.1'
bash scripts/with-node24.sh npx jest --selectProjects unit engine emulator e2e
step 'jest: e2e in n8n 1.123.81'
E2E_N8N_LINE=v1 bash scripts/with-node24.sh npx jest --selectProjects e2e
step 'jest: the Segmind Trigger activated in n8n 2.41.1 and 1.123.81 side by side (polls a minute apart, about 4 minutes)'
bash scripts/with-node24.sh npx jest --selectProjects e2e-polling
step 'jest: browser test of the n8n editor'
bash scripts/install-chromium.sh
bash scripts/with-node24.sh npx jest --selectProjects browser
