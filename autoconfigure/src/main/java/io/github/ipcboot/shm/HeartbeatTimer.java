package io.github.ipcboot.shm;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread ({@code shm-heartbeat}) that writes the heartbeats of all channels every
 * {@code heartbeat-interval}, so that a slow listener or a reader waiting for ring room does not
 * make its side look gone. Each task catches what its channel throws: one broken mapping stops no
 * other channel's heartbeat.
 */
final class HeartbeatTimer {

	private static final ScheduledThreadPoolExecutor EXECUTOR = newExecutor();

	private HeartbeatTimer() {
	}

	private static ScheduledThreadPoolExecutor newExecutor() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "shm-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	/**
	 * Run a task every interval until it is cancelled.
	 * @param task the task, which must not throw
	 * @param intervalMillis the interval
	 * @return the handle to cancel it
	 */
	static ScheduledFuture<?> every(Runnable task, long intervalMillis) {
		return EXECUTOR.scheduleAtFixedRate(() -> {
			try {
				task.run();
			}
			catch (Throwable ex) {
				// the task handles its failures; nothing may end the schedule of the others
			}
		}, 0, intervalMillis, TimeUnit.MILLISECONDS);
	}

}
