#!/usr/bin/env bash
# Runs JMH benchmarks from the bench module. Usage: bench/jmh.sh [benchmark-regex] [extra JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" org.openjdk.jmh.Main "$@"
