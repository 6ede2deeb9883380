package io.github.ipcboot.tcp;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The threads that serve a server's or client's connections: a virtual thread per task, or a
 * bounded pool of named platform threads that are reused (a NIO connection runs a task for every
 * read, so a new platform thread per task would cost more than the work). Shut down with
 * {@link #close()}.
 */
final class ConnectionThreads implements Executor, AutoCloseable {

	private static final Log logger = LogFactory.getLog(ConnectionThreads.class);

	private static final long KEEP_ALIVE_SECONDS = 60;

	/**
	 * How long {@link #close()} waits for the tasks to end (the sockets are closed by then), so
	 * that a server started again does not race with its previous acceptor.
	 */
	private static final long TERMINATION_WAIT_MILLIS = 5_000;

	private final Executor executor;

	private final AutoCloseable shutdown;

	/** What limits the threads, for the log. */
	private final String limit;

	/** Whether the last connection that got no thread was logged; reset once one gets a thread. */
	private volatile boolean refusalLogged;

	private final AtomicLong rejected = new AtomicLong();

	/**
	 * Create the threads.
	 * @param namePrefix the prefix of thread names, e.g. {@code ipc-tcp-orders-}
	 * @param maxThreads the most platform threads at once; a task beyond is rejected
	 * @param virtual whether to use a virtual thread per task (Java 21+) instead
	 */
	ConnectionThreads(String namePrefix, int maxThreads, boolean virtual) {
		this(namePrefix, maxThreads, virtual, UnaryOperator.identity());
	}

	/**
	 * Create the threads, with their executor wrapped (e.g. to fail in a test).
	 * @param namePrefix the prefix of thread names, e.g. {@code ipc-tcp-orders-}
	 * @param maxThreads the most platform threads at once; a task beyond is rejected
	 * @param virtual whether to use a virtual thread per task (Java 21+) instead
	 * @param decorator wraps the executor that starts the threads
	 */
	ConnectionThreads(String namePrefix, int maxThreads, boolean virtual, UnaryOperator<Executor> decorator) {
		this.limit = virtual ? "virtual threads" : "at most " + maxThreads + " platform threads";
		if (virtual) {
			SimpleAsyncTaskExecutor virtualThreads = new SimpleAsyncTaskExecutor(namePrefix);
			virtualThreads.setVirtualThreads(true);
			virtualThreads.setTaskTerminationTimeout(TERMINATION_WAIT_MILLIS);
			this.executor = decorator.apply(virtualThreads);
			this.shutdown = virtualThreads;
		}
		else {
			// reuse idle threads and start one when none is idle; when all are busy the task is
			// rejected, which Spring Integration handles (NIO delays the read and retries it, Net
			// closes the new socket)
			ThreadPoolExecutor pool = new ThreadPoolExecutor(0, maxThreads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
					new SynchronousQueue<>(), new CustomizableThreadFactory(namePrefix));
			this.executor = decorator.apply(pool);
			this.shutdown = () -> {
				pool.shutdownNow();
				pool.awaitTermination(TERMINATION_WAIT_MILLIS, TimeUnit.MILLISECONDS);
			};
		}
	}

	@Override
	public void execute(Runnable task) {
		try {
			this.executor.execute(task);
		}
		catch (RejectedExecutionException | OutOfMemoryError ex) {
			// OutOfMemoryError: "unable to create native thread"
			this.rejected.incrementAndGet();
			if (task instanceof TcpNetConnection connection) {
				// a new blocking connection is turned away here, so that Spring Integration's
				// acceptor goes on (an Error would end it), and gives its place in the gate back
				refuse(connection, ex);
				return;
			}
			// a NIO connection's task is its assembler or a read, which Spring Integration retries
			// later: the connection is never closed for it
			throw (ex instanceof RejectedExecutionException rejected) ? rejected
					: new RejectedExecutionException("Could not start a thread: " + ex.getMessage(), ex);
		}
		if (this.refusalLogged) {
			this.refusalLogged = false;
		}
	}

	private void refuse(TcpNetConnection connection, Throwable cause) {
		if (!BufferedTcpNetConnectionSupport.isRejected(connection)) {
			if (connection instanceof ConnectionStats.Tracked tracked) {
				tracked.stats().threadRefused();
			}
			if (!this.refusalLogged) {
				this.refusalLogged = true;
				logger.warn("No thread for connection " + connection.getConnectionId() + " (" + this.limit + "): "
						+ cause + "; closing it, and those that follow until a thread is free");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("No thread for connection " + connection.getConnectionId() + ": " + cause);
			}
		}
		connection.close();
	}

	/**
	 * Return how many tasks found every thread busy and were rejected.
	 * @return the count since the threads were created
	 */
	long getRejectedTasks() {
		return this.rejected.get();
	}

	@Override
	public void close() {
		try {
			this.shutdown.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not stop the connection threads", ex);
		}
	}

}
