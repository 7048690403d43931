#!/usr/bin/env bash
# Runs every test of Careboard: unit, @QuarkusTest against real PostgreSQL and Redis, and the
# end-to-end suites against the packaged app (browser included). Installs and starts what
# they need first.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/services.sh start
exec ./mvnw -B -ntp verify -DskipITs=false "$@"
