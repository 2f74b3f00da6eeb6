#!/usr/bin/env bash
# PutItem/GetItem/Query per second: localvpc's DynamoDB through a gateway endpoint (localvpc itself, TLS through the
# workload proxy) and directly (its standalone server, in memory and with SQLite) against dynalite, in one run.
# Usage: bench/dynamodb.sh [path/to/dynalite/cli.js]
# dynalite is not part of localvpc; install it yourself (npm install dynalite@4.0.0 in a scratch directory) and pass
# its cli.js. Without it, only localvpc's numbers are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -XX:+UseSerialGC -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.localvpc.bench.DynamoDbBenchmark "$@"
