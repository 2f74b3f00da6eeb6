#!/usr/bin/env bash
# Runs the end-to-end API benchmark against the runnable jar and prints Markdown rows for BENCHMARKS.md.
# Usage: bench/run.sh [subnet-count]   (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.localvpc.bench.ApiBenchmark server/target/localvpc.jar "${1:-10000}"
