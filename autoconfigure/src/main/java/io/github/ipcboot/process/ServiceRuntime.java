package io.github.ipcboot.process;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every {@link ManagedProcess} of a service shares: its limits, its threads, its listener
 * and how it contains runs.
 */
record ServiceRuntime(ProcessLimits limits, ExecutorService executor, ScheduledExecutorService timer,
		ProcessListener listener, ProcessContainment containment) {

}
