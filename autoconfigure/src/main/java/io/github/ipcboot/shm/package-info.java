/**
 * Shared-memory channels ({@link io.github.ipcboot.shm.ShmListener},
 * {@link io.github.ipcboot.shm.ShmClient}): two Agrona ring buffers in a memory-mapped file
 * between two processes on one host, with the file layout described in {@code docs/shm-layout.md}.
 */
@NullMarked
package io.github.ipcboot.shm;

import org.jspecify.annotations.NullMarked;
