package io.github.ipcboot.tcp;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The deadline of the request for which the calling thread opens a client connection: each
 * connect, and a Net TLS handshake, waits at most the connect timeout and never past it. Spring
 * Integration opens a connection on the thread that asks for it, so the deadline travels with
 * that thread from {@link ClientPool} to the factory's connect.
 */
final class ConnectDeadline {

	private static final ThreadLocal<@Nullable Long> DEADLINE = new ThreadLocal<>();

	private ConnectDeadline() {
	}

	/**
	 * Run a connect for a request.
	 * @param <T> what the connect returns
	 * @param deadline the request's deadline ({@link System#nanoTime()})
	 * @param connect the connect
	 * @return what it returned
	 * @throws Exception what it threw
	 */
	static <T> T within(long deadline, Connect<T> connect) throws Exception {
		Long previous = DEADLINE.get();
		DEADLINE.set(deadline);
		try {
			return connect.run();
		}
		finally {
			DEADLINE.set(previous);
		}
	}

	/**
	 * Return how long a connect (or handshake) starting now may take.
	 * @param connectTimeout the connect timeout
	 * @return the connect timeout, or the time left before the request's deadline if shorter
	 * (at least a millisecond)
	 */
	static Duration bound(Duration connectTimeout) {
		Long deadline = DEADLINE.get();
		return (deadline != null) ? bound(connectTimeout, deadline) : connectTimeout;
	}

	/**
	 * Return how long a wait that is part of connecting, starting now, may take.
	 * @param connectTimeout the connect timeout
	 * @param deadline the request's deadline ({@link System#nanoTime()})
	 * @return the connect timeout, or the time left before the deadline if shorter (at least a
	 * millisecond)
	 */
	static Duration bound(Duration connectTimeout, long deadline) {
		long left = deadline - System.nanoTime();
		return (left < connectTimeout.toNanos()) ? Duration.ofMillis(Math.max(1, left / 1_000_000)) : connectTimeout;
	}

	/**
	 * A connect.
	 * @param <T> what it returns
	 */
	@FunctionalInterface
	interface Connect<T> {

		T run() throws Exception;

	}

}
