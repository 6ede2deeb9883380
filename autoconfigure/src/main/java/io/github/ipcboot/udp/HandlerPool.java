package io.github.ipcboot.udp;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded executor of one endpoint's listener calls: {@code handlerThreads} threads and a
 * queue of {@code queueCapacity} datagrams; a datagram that finds the queue full is refused at
 * once, so the receiver never waits for a handler. Memory held by queued datagrams is at most
 * {@code (handlerThreads + queueCapacity) * maxDatagramSize} bytes.
 */
final class HandlerPool {

	private final ThreadPoolExecutor executor;

	private final AtomicInteger inFlight = new AtomicInteger();

	HandlerPool(String name, int threads, int queueCapacity) {
		AtomicInteger counter = new AtomicInteger();
		this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(queueCapacity), (task) -> {
					Thread thread = new Thread(task, "udp-" + name + "-handler-" + counter.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				}, new ThreadPoolExecutor.AbortPolicy());
	}

	/**
	 * Queue a task unless the queue is full or the pool is shut down.
	 * @param task the task
	 * @return whether it was taken
	 */
	boolean submit(Runnable task) {
		this.inFlight.incrementAndGet();
		try {
			this.executor.execute(() -> {
				try {
					task.run();
				}
				finally {
					this.inFlight.decrementAndGet();
				}
			});
			return true;
		}
		catch (RejectedExecutionException ex) {
			this.inFlight.decrementAndGet();
			return false;
		}
	}

	/**
	 * Return the tasks queued or running.
	 * @return the count
	 */
	int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * Return the tasks waiting for a thread.
	 * @return the count
	 */
	int queued() {
		return this.executor.getQueue().size();
	}

	/**
	 * Take no more tasks; those taken still run.
	 */
	void shutdown() {
		this.executor.shutdown();
	}

	/**
	 * Wait for the tasks taken to finish, then interrupt any still running.
	 * @param millis how long to wait
	 * @return whether all had finished in time
	 */
	boolean close(long millis) {
		this.executor.shutdown();
		try {
			if (this.executor.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
				return true;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor.shutdownNow();
		return false;
	}

}
