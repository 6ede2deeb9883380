package io.github.ipcboot.tcp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The greeting a server sends first on a new connection of a {@link TcpClient}, when it sends
 * one: the first frame read is the greeting, which is discarded, and a request waits for it before
 * it is written.
 * <p>
 * Whether it is due is guarded by the lock of the {@link PooledConnection} that owns it.
 */
final class ClientGreeting {

	private final CompletableFuture<Void> greeted = new CompletableFuture<>();

	/** Guarded by the owner's lock: the server's greeting is still to come. */
	private boolean due;

	/**
	 * Create the greeting of a connection that has just opened.
	 * @param due whether the server sends a greeting first
	 */
	ClientGreeting(boolean due) {
		this.due = due;
		if (!due) {
			this.greeted.complete(null);
		}
	}

	/**
	 * Wait for the server's greeting, if one is due.
	 * @param deadline until when ({@link System#nanoTime()})
	 * @param client the client, for messages
	 * @return whether no greeting is due any more
	 * @throws TcpClientException if the thread is interrupted while it waits
	 */
	boolean await(long deadline, String client) {
		try {
			this.greeted.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TcpClientException(client + " was interrupted while waiting for the greeting", ex);
		}
		catch (ExecutionException ex) {
			return true;
		}
	}

	/**
	 * Take a frame just read as the greeting, if one is due (called under the owner's lock).
	 * @return whether the frame is the greeting
	 */
	boolean take() {
		if (!this.due) {
			return false;
		}
		this.due = false;
		this.greeted.complete(null);
		return true;
	}

	/**
	 * The connection has closed: whoever waits for the greeting waits no more.
	 */
	void connectionClosed() {
		this.greeted.complete(null);
	}

}
