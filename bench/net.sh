#!/usr/bin/env bash
# TCP through localvpc's workload proxy vs direct loopback vs HAProxy (TCP mode), side by side.
# Usage: bench/net.sh [connections-to-hold]   (needs Debian's haproxy for the comparison row)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -Xmx2g -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.localvpc.bench.net.TcpPathBenchmark "${1:-9000}"
