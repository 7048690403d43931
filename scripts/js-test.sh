#!/usr/bin/env bash
# Unit tests of the dashboard's JavaScript client (src/test/js) with Node's own test runner.
# Maven runs this in the test phase; it installs the test dependencies (package-lock.json) first
# when node_modules is missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v node >/dev/null || { echo "node is missing: install Node.js 18.19 or newer (apt-get install nodejs npm)" >&2; exit 1; }
if ! cmp -s package-lock.json node_modules/.package-lock-copy.json 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.package-lock-copy.json
fi
exec node --test --test-reporter=spec src/test/js/
