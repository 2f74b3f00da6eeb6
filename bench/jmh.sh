#!/usr/bin/env bash
# Runs JMH benchmarks from the bench module. Usage: bench/jmh.sh [benchmark-regex] [extra JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor build: the sibling modules resolve to their fresh jars without being installed in ~/.m2
# (a separate -pl bench dependency:build-classpath cannot resolve them and failed silently).
./mvnw -q -B -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
exec java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" org.openjdk.jmh.Main "$@"
