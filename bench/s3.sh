#!/usr/bin/env bash
# S3 PUT and GET through the whole endpoint path vs straight to the embedded S3, side by side.
# Usage: bench/s3.sh [rounds]   (rounds: how many times every row is measured in the one process; default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -Xmx2g -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.localvpc.bench.s3.S3PathBenchmark "$@"
