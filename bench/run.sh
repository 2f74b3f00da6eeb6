#!/usr/bin/env bash
# Runs the end-to-end API benchmark against the runnable jar and prints Markdown rows for BENCHMARKS.md.
# Usage: bench/run.sh [subnet-count] ["JVM options"]   (default 10000; JVM options replace the launcher's)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.localvpc.bench.ApiBenchmark ./localvpc "${1:-10000}" "${2:-}"
