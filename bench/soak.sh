#!/usr/bin/env bash
# A whole ./localvpc up under steady small S3 PUT/GET through the workload proxy (keep-alive and new-connection
# clients), its open files, threads, RSS and live heap after a full GC sampled from outside.
# Usage: bench/soak.sh [minutes] [seconds between samples]   (10 and 30 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.localvpc.bench.soak.SoakBenchmark ./localvpc "${1:-10}" "${2:-30}"
