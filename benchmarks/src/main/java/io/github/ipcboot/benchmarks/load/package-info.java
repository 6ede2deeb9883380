/**
 * Load benchmark over loopback TCP: a load client that checks every echoed line byte for byte and
 * in order, the peer echo servers it is compared against (each in its own child process), and the
 * runner {@link io.github.ipcboot.benchmarks.load.LoadBenchmark} that prints one Markdown table.
 */
@NullMarked
package io.github.ipcboot.benchmarks.load;

import org.jspecify.annotations.NullMarked;
