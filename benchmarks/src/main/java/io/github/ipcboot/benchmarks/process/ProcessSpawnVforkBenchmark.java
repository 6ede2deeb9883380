package io.github.ipcboot.benchmarks.process;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link ProcessSpawnBenchmark} with the JVM-wide opt-in
 * {@code -Djdk.lang.Process.launchMechanism=VFORK}, which skips the extra {@code jspawnhelper}
 * exec of the default {@code POSIX_SPAWN} mechanism on Linux.
 */
@Fork(value = 1, jvmArgsAppend = "-Djdk.lang.Process.launchMechanism=VFORK")
public class ProcessSpawnVforkBenchmark extends ProcessSpawnBenchmark {

}
