/**
 * Load benchmark over loopback TCP: a load client that checks every echoed line byte for byte and
 * in order, the peer echo servers it is compared against (each in its own child process), and the
 * runner {@link io.github.ipcboot.benchmarks.load.LoadBenchmark} that prints one Markdown table;
 * and {@link io.github.ipcboot.benchmarks.load.IdleConnectionsBenchmark}, which measures the
 * threads, heap and resident memory a server spends on idle connections.
 */
@NullMarked
package io.github.ipcboot.benchmarks.load;

import org.jspecify.annotations.NullMarked;
