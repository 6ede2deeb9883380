/**
 * Running external programs safely, boundedly and observably: {@link ProcessSpec} describes a
 * run, {@link ProcessService} runs it (blocking with {@code run} or as a {@link RunningProcess}
 * handle with {@code start}) and {@link ProcessResult} records what happened. Output is always
 * drained on both pipes and captured up to a limit, timeouts and cancellation terminate the whole
 * process tree, and every running child is tracked in the {@link ProcessRegistry}.
 */
@NullMarked
package io.github.ipcboot.process;

import org.jspecify.annotations.NullMarked;
