#!/usr/bin/env bash
# Measures the packaged JVM app's memory (RSS) idle and under HTTP load, to size the Kubernetes
# requests and limits (k8s/base/deployment.yaml; figures in docs/benchmarks.md).
# Needs: ./mvnw package done, scripts/services.sh started, wrk. Loopback only, bounded in time.
#   bench/footprint.sh [seconds-of-load] [extra JVM options...]
set -euo pipefail
cd "$(dirname "$0")/.."
LOAD_SECONDS=${1:-30}; shift || true
JVM_OPTS=("$@")
PORT=${FOOTPRINT_PORT:-18089}
DB=${CAREBOARD_TEST_DB:-careboard_test}
RESULTS=bench/results; mkdir -p "$RESULTS"

rss() { awk '/^VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
hwm() { awk '/^VmHWM/ {print int($2/1024)}' "/proc/$1/status"; }

# The prod profile, configured the way k8s/ configures it: through environment variables.
QUARKUS_HTTP_PORT=$PORT \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:${CAREBOARD_PG_PORT:-55432}/$DB" \
QUARKUS_REDIS_HOSTS="redis://127.0.0.1:${CAREBOARD_REDIS_PORT:-56379}/${CAREBOARD_TEST_REDIS_DB:-1}" \
MP_JWT_VERIFY_PUBLICKEY_LOCATION=config/dev-keys/public.pem MP_JWT_VERIFY_ISSUER=careboard-dev \
    java "${JVM_OPTS[@]}" -jar target/quarkus-app/quarkus-run.jar > "$RESULTS/footprint-app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break
    sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { echo "app did not become ready"; exit 1; }
sleep 10
echo "JVM options: ${JVM_OPTS[*]:-(defaults)}"
echo "idle after start: RSS $(rss $APP) MiB"

# A mix of what every replica serves: readiness (PostgreSQL + Redis checks), the OpenAPI
# document, Prometheus metrics and refused unauthenticated API calls (problem+json).
cat > "$RESULTS/footprint-paths.lua" <<'LUA'
local paths = { "/q/health/ready", "/q/openapi", "/q/metrics", "/api/v1/analytics/overview" }
local i = 0
request = function()
    i = i + 1
    return wrk.format("GET", paths[(i % #paths) + 1])
end
LUA
wrk -t2 -c64 -d"${LOAD_SECONDS}s" -s "$RESULTS/footprint-paths.lua" "http://127.0.0.1:$PORT" | sed -n '1,12p'
echo "under load (end): RSS $(rss $APP) MiB, peak RSS $(hwm $APP) MiB"
sleep 10
echo "idle after load: RSS $(rss $APP) MiB"
