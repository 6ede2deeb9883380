#!/usr/bin/env bash
# Profile one echo server of the load benchmark with Java Flight Recorder while the load client runs
# one scenario against it, then print the hottest methods (self time) and the methods on the most
# stacks (inclusive), from the recording's execution samples.
#
#   benchmarks/scripts/profile-server.sh <server> <scenario> [seconds]
#   e.g. benchmarks/scripts/profile-server.sh starter pipelined 8
#
# <server> is a ServerKind id (starter, starter-nio, netty, ...), <scenario> rr1, rr16 or pipelined.
# Needs benchmarks/target/benchmarks.jar (./mvnw -pl benchmarks -am package -DskipTests). JAVA sets
# the server's java (default: java on the PATH); the recording is left in target/profiles/.
set -euo pipefail
server=${1:?server id}; scenario=${2:?scenario}; seconds=${3:-8}
cd "$(dirname "$0")/.."
jar=target/benchmarks.jar
java_cmd=${JAVA:-java}
out=target/profiles; mkdir -p "$out"
recording="$out/$server-$scenario.jfr"
"$java_cmd" -Xms512m -Xmx512m -XX:StartFlightRecording=filename="$recording",settings=profile,dumponexit=true \
	-cp "$jar" io.github.ipcboot.benchmarks.load.EchoServerMain "$server" 0 >"$out/$server.out" 2>"$out/$server.err" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
	grep -q '^PORT' "$out/$server.out" 2>/dev/null && break
	kill -0 "$pid" 2>/dev/null || { cat "$out/$server.err" >&2; exit 1; }
	sleep 0.5
done
port=$(awk '/^PORT/ {print $2}' "$out/$server.out")
java -cp "$jar" io.github.ipcboot.benchmarks.load.LoadBenchmark --port="$port" --scenarios="$scenario" \
	--warmup=3s --measure="${seconds}s" | grep -v '^|'
kill -TERM "$pid"; wait "$pid" || true
trap - EXIT
java -cp "$jar" io.github.ipcboot.benchmarks.load.JfrSummary "$recording"
