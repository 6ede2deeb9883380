package io.github.ipcboot.process;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every {@link ManagedProcess} of a service shares: its limits, its threads and its
 * listener.
 *
 * @param limits the service-wide defaults and limits
 * @param executor pumps output and feeds input
 * @param timer timeouts, exit watches and the kill escalation; never runs callers' code
 * @param exits finishes runs and completes their results, with the callbacks chained to them
 * @param listener observes every run
 */
record ServiceRuntime(ProcessLimits limits, ExecutorService executor, ScheduledExecutorService timer,
		ExecutorService exits, ProcessListener listener) {

}
