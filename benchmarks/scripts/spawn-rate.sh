#!/usr/bin/env bash
# Sequential spawn-and-wait rates of /bin/true and /bin/echo hello, C posix_spawn, Python
# subprocess.run and the starter's service (each launcher, contained and not) in one run, rounds
# interleaved so that every row sees about the same load. Build the benchmarks jar on JDK 22+ first:
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -pl benchmarks -am package -DskipTests
# Usage: benchmarks/scripts/spawn-rate.sh [seconds per row (5)] [rounds (2)]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_ROW=${1:-5}
ROUNDS=${2:-2}
J=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=benchmarks/target/benchmarks.jar
[ -f "$JAR" ] || { echo "No $JAR: build it first (see the top of this script)" >&2; exit 1; }
C=$(mktemp -d)/spawn_true
trap 'rm -rf "$(dirname "$C")"' EXIT
gcc -O2 -o "$C" benchmarks/src/main/c/spawn_true.c
java_row() {
	"$J" --enable-native-access=ALL-UNNAMED -cp "$JAR" io.github.ipcboot.benchmarks.process.ProcessSpawnRate "$@" \
		2>/dev/null | grep '/s$'
}
echo "cores: $(nproc); $("$J" -version 2>&1 | head -1); $(python3 --version)"
for round in $(seq 1 "$ROUNDS"); do
	echo "round $round, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
	"$C" true "$SECONDS_PER_ROW"
	"$C" echo "$SECONDS_PER_ROW"
	python3 benchmarks/src/main/python/spawn_true.py "$SECONDS_PER_ROW"
	java_row native true "$SECONDS_PER_ROW"
	java_row native true "$SECONDS_PER_ROW" false
	java_row native echo "$SECONDS_PER_ROW"
	java_row jdk true "$SECONDS_PER_ROW"
	java_row jdk echo "$SECONDS_PER_ROW"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
