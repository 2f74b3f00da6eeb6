#!/usr/bin/env bash
# The API port with --verify-signatures against without, side by side (prints Markdown rows for BENCHMARKS.md).
# Usage: bench/signatures.sh [requests per round] [rounds] [connections]   (default 20000 3 4)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.localvpc.bench.SignatureBenchmark ./localvpc "${1:-20000}" "${2:-3}" "${3:-4}"
