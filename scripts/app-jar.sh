#!/usr/bin/env bash
# Prints the path of the packaged JVM app (target/quarkus-app/quarkus-run.jar), building it first
# (./mvnw -B -ntp package -DskipTests) when it is missing or older than pom.xml or anything in src/.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/quarkus-app/quarkus-run.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src -type f -newer "$jar" -print -quit)" ]; then
  echo "[app] building the packaged app (./mvnw -B -ntp package -DskipTests)" >&2
  ./mvnw -B -ntp -q package -DskipTests >&2
fi
echo "$PWD/$jar"
