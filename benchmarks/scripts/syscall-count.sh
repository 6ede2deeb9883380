#!/usr/bin/env bash
# Counts the system calls of one echo server of the load benchmark (strace -c -f) for 3 s in the
# middle of a pipelined load, to compare where servers differ (thread hand-offs show as futex calls).
#
#   benchmarks/scripts/syscall-count.sh <server>     e.g. starter-nio, starter, netty
#
# Needs strace and benchmarks/target/benchmarks.jar. strace slows the server down: compare counts,
# not rates.
set -uo pipefail
cd "$(dirname "$0")/.."
server=$1
jar=target/benchmarks.jar
java -Xms512m -Xmx512m -cp $jar io.github.ipcboot.benchmarks.load.EchoServerMain $server 0 > target/syscalls-$server.out 2>&1 &
pid=$!
for i in $(seq 1 60); do grep -q '^PORT' target/syscalls-$server.out && break; sleep 0.5; done
port=$(awk '/^PORT/ {print $2}' target/syscalls-$server.out)
java -cp $jar io.github.ipcboot.benchmarks.load.LoadBenchmark --port=$port --scenarios=pipelined --warmup=2s --measure=6s > target/syscalls-$server.load 2>&1 &
lpid=$!
sleep 3.5
timeout 3 strace -c -f -p $pid -o target/syscalls-$server.strace 2>/dev/null
wait $lpid
kill -TERM $pid; wait $pid
grep "pipelined" target/syscalls-$server.load | head -2
head -15 target/syscalls-$server.strace
