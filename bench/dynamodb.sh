#!/usr/bin/env bash
# PutItem/GetItem/Query per second: localvpc's DynamoDB through a gateway endpoint (localvpc itself, TLS through the
# workload proxy) and directly (its standalone server, in memory and with SQLite) against dynalite and moto_server, in
# one run.
# Usage: bench/dynamodb.sh [path/to/dynalite/cli.js [path/to/moto_server]]
# dynalite and moto are not part of localvpc; install them yourself (npm install dynalite@4.0.0 in a scratch
# directory; moto[server] with pip, as Debian has no package of it) and pass dynalite's cli.js and moto_server.
# Without them, only localvpc's numbers are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
exec java -XX:+UseSerialGC -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.localvpc.bench.DynamoDbBenchmark "$@"
