#!/usr/bin/env bash
# Runs every test of Careboard: unit, @QuarkusTest against real PostgreSQL and Redis, and the
# end-to-end suites against the packaged app (browser included). Installs and starts what
# they need first.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/services.sh start

# The dashboard's tests: Debian's Chromium and ChromeDriver (browser ITs), Node.js (client unit tests).
missing=()
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || missing+=(chromium chromium-driver)
command -v node >/dev/null && command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "missing ${missing[*]}: install them as root (apt-get install)" >&2; exit 1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
exec ./mvnw -B -ntp verify -DskipITs=false "$@"
