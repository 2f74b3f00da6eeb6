#!/usr/bin/env bash
# Small requests consumer → interface endpoint → PrivateLink → NLB → target program, against the same program reached
# directly, through HAProxy (TCP mode) and through an NLB in the client's own VPC, side by side in one run.
# Usage: bench/privatelink.sh   (needs Debian's haproxy for the comparison row)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -o -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -Xmx1g -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.localvpc.bench.net.PrivateLinkBenchmark
