#!/usr/bin/env bash
# Round-trip latency over a Unix domain socket against TCP loopback, the starter and the
# hand-written blocking server on each, in one run of the load benchmark: the four servers
# alternate <rounds> times (a shared machine's load moves during a run), each round the rr 1
# scenario; then the median p50 per server and the Unix/TCP ratios of the medians.
#
#   benchmarks/scripts/unix-rr1.sh [rounds] [warmup] [measure]     e.g. unix-rr1.sh 5 2s 3s
#
# Needs benchmarks/target/benchmarks.jar (./mvnw -pl benchmarks -am package -DskipTests). JAVA sets
# the java of the runner and the servers (default: java on the PATH), JAR another jar (e.g. one
# built from an older commit), SERVERS another list of servers; the full output is left in
# target/unix-rr1.out.
set -euo pipefail
rounds=${1:-5}; warmup=${2:-2s}; measure=${3:-3s}
cd "$(dirname "$0")/.."
java_cmd=${JAVA:-java}
servers=$(for _ in $(seq 1 "$rounds"); do printf 'starter-unix,starter,blocking-unix,blocking,'; done)
mkdir -p target
echo "load before: $(uptime)"
"$java_cmd" -cp "${JAR:-target/benchmarks.jar}" io.github.ipcboot.benchmarks.load.LoadBenchmark \
	--servers="${SERVERS:-${servers%,}}" --scenarios=rr1 \
	--warmup="$warmup" --measure="$measure" | tee target/unix-rr1.out | grep -v '^|'
echo "load after: $(uptime)"
awk '
	/ listening on / { server = $1 }
	/^  rr 1 conn/ { for (i = 1; i <= NF; i++) if ($i == "p50") { v = $(i + 1); gsub(",", "", v); p50[server] = p50[server] " " v } }
	function median(list,    n, a, i, j, t) {
		n = split(list, a, " ")
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
		return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	END {
		for (s in p50) { m[s] = median(p50[s]); printf "%-14s p50 per round (ns):%s  median %.0f ns\n", s, p50[s], m[s] }
		if (m["starter"] > 0) printf "starter: Unix / TCP p50 = %.2f\n", m["starter-unix"] / m["starter"]
		if (m["blocking"] > 0) printf "blocking: Unix / TCP p50 = %.2f\n", m["blocking-unix"] / m["blocking"]
	}' target/unix-rr1.out
