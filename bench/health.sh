#!/usr/bin/env bash
# What NLB health checks cost: process CPU per second with 1,000 targets checked, side by side with the same localvpc idle.
# Usage: bench/health.sh [targets] [interval seconds] [window seconds]   (defaults 1000 10 30)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.localvpc.bench.HealthCheckCostBenchmark "$@"
