/**
 * Load runs of the shared-memory channels.
 */
@NullMarked
package io.github.ipcboot.benchmarks.shm;

import org.jspecify.annotations.NullMarked;
