/**
 * Signal handling and the graceful-shutdown coordinator: on the first {@code SIGTERM} or
 * {@code SIGINT}, or on any close of the application context, TCP servers stop accepting, work in
 * flight finishes, child processes get the rest of the timeout, and the JVM exits with a code
 * that says whether everything drained.
 */
@NullMarked
package io.github.ipcboot.shutdown;

import org.jspecify.annotations.NullMarked;
