#!/usr/bin/env bash
# Concurrent connections held through a whole localvpc (proxy, path engine, endpoint TLS), with the server's
# heap, RSS and open files. Usage: bench/held.sh [connections] ["server JVM options"]   (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -Xmx3g -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.localvpc.bench.HeldConnections ./localvpc "${1:-10000}" "${2:-}"
