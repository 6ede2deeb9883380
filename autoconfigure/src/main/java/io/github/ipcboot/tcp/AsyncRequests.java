package io.github.ipcboot.tcp;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The threads and the queue of a {@link TcpClient}'s asynchronous requests: one thread per pooled
 * connection, at most {@value #QUEUE_CAPACITY} requests waiting for one; the futures of those not
 * yet complete, which fail when the client stops.
 */
final class AsyncRequests {

	/** Requests that may wait for a thread; more are refused. */
	static final int QUEUE_CAPACITY = 10_000;

	private final String description;

	private final int threads;

	private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();

	private volatile @Nullable ThreadPoolExecutor executor;

	private volatile boolean draining;

	AsyncRequests(String description, int threads) {
		this.description = description;
		this.threads = threads;
	}

	/**
	 * Run a request on one of the threads.
	 * @param <T> the reply type
	 * @param request the blocking request
	 * @return its future, failed at once with a {@link TcpClientException} when the client is not
	 * running, draining, or has {@value #QUEUE_CAPACITY} requests waiting already
	 */
	<T> CompletableFuture<T> submit(Supplier<T> request) {
		CompletableFuture<T> reply = new CompletableFuture<>();
		ThreadPoolExecutor current = this.executor;
		if (current == null || this.draining) {
			reply.completeExceptionally(new TcpClientException(this.description
					+ ((current == null) ? " is not running" : " is shutting down and takes no new requests")));
			return reply;
		}
		this.pending.add(reply);
		reply.whenComplete((result, failure) -> this.pending.remove(reply));
		try {
			current.execute(() -> {
				try {
					reply.complete(request.get());
				}
				catch (RuntimeException ex) {
					reply.completeExceptionally(ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			reply.completeExceptionally(new TcpClientException(
					this.description + " has " + QUEUE_CAPACITY + " requests waiting already, or is stopping", ex));
		}
		return reply;
	}

	/**
	 * Return how many requests are queued or running.
	 */
	int pending() {
		return this.pending.size();
	}

	void beginDrain() {
		this.draining = true;
	}

	synchronized void start(String threadNamePrefix) {
		this.draining = false;
		ThreadPoolExecutor created = new ThreadPoolExecutor(this.threads, this.threads, 60, TimeUnit.SECONDS,
				new ArrayBlockingQueue<>(QUEUE_CAPACITY), new CustomizableThreadFactory(threadNamePrefix));
		created.allowCoreThreadTimeOut(true);
		this.executor = created;
	}

	/**
	 * End the threads and fail every request not complete.
	 */
	synchronized void stop() {
		ThreadPoolExecutor current = this.executor;
		if (current != null) {
			this.executor = null;
			current.shutdownNow();
		}
		for (CompletableFuture<?> request : this.pending) {
			request.completeExceptionally(new TcpClientException(this.description + " stopped before the reply"));
		}
	}

}
