#!/usr/bin/env bash
# The data plane with VPC flow logs off and on, side by side in alternating rounds, and the flow log writer's records/s.
# Usage: bench/flowlogs.sh [rounds]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -Xmx2g -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.localvpc.bench.net.FlowLogOverheadBenchmark "$@"
