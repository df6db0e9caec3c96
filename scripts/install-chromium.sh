#!/usr/bin/env bash
# Installs Debian's Chromium for the browser test (test/browser), once: Playwright's own
# browser download cannot run here, so playwright-core drives /usr/bin/chromium instead.
set -euo pipefail
chromium=/usr/bin/chromium
if [ -x "$chromium" ]; then
  echo "Chromium is already installed: $("$chromium" --version 2>/dev/null || echo "$chromium")"
  exit 0
fi
# Root here and in CI; elsewhere sudo asks.
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
echo "Chromium is missing: apt-get update, then apt-get install -y chromium fonts-liberation ..."
$sudo apt-get update
# Of chromium's recommended packages only the fonts matter to a headless run.
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
  chromium fonts-liberation
echo "Installed: $("$chromium" --version)"
