package io.github.ipcboot.tcp;

import java.util.concurrent.Executor;

import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpConnection;

/**
 * Closes the connection under a {@link PooledConnection}, with the reason its statistics count:
 * a NIO connection on another thread (its close waits for room in its read queue, which the
 * reader threads empty only once the pooled connection's lock is free), a Net connection at once.
 */
final class PooledConnectionCloser {

	private final TcpConnection connection;

	/** Runs the closes of a NIO connection, or {@code null} for a Net connection. */
	private final @Nullable Executor closer;

	/**
	 * Create the closer of one connection.
	 * @param connection the connection
	 * @param closer runs its closes, or {@code null} to close on the calling thread
	 */
	PooledConnectionCloser(TcpConnection connection, @Nullable Executor closer) {
		this.connection = connection;
		this.closer = closer;
	}

	/**
	 * Close the connection.
	 * @param reason why, as it is counted
	 */
	void close(CloseReason reason) {
		hint(reason);
		Executor executor = this.closer;
		if (executor != null) {
			// a NIO close waits for room in the connection's read queue, which the reader threads
			// empty only once the pooled connection's lock is free: close on another thread
			executor.execute(this.connection::close);
		}
		else {
			this.connection.close();
		}
	}

	/**
	 * Close the connection at once, also while another thread is blocked writing to it.
	 * @param reason why, as it is counted
	 */
	void abort(CloseReason reason) {
		hint(reason);
		if (this.connection instanceof BufferedTcpNetConnection net) {
			net.abort();
		}
		else {
			this.connection.close();
		}
	}

	private void hint(CloseReason reason) {
		if (this.connection instanceof ConnectionStats.Tracked tracked) {
			tracked.stats().closing(reason);
		}
	}

}
