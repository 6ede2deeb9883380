package io.github.ipcboot.tcp;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import org.jspecify.annotations.Nullable;

/**
 * Keeps Spring Integration from logging a failed socket read of a NIO connection (a reset by the
 * peer, a failed TLS handshake) at ERROR with a stack trace: {@code TcpNioConnection.readPacket()}
 * reports the failure as a connection exception event, then rethrows it to itself and logs it. The
 * connection's statistics have logged it by then as {@link PeerErrorLog} does, so the failure is
 * rethrown as the {@link ClosedChannelException} that {@code readPacket()} closes the connection
 * on quietly. Failures reported on other threads (an idle timeout, a failed send) pass unchanged.
 */
final class QuietReadFailures {

	private volatile @Nullable Thread reader;

	/**
	 * Run the connection's own {@code readPacket()}.
	 * @param readPacket the read
	 */
	void run(Runnable readPacket) {
		this.reader = Thread.currentThread();
		try {
			readPacket.run();
		}
		finally {
			this.reader = null;
		}
	}

	/**
	 * A connection exception event was published; call last in
	 * {@code publishConnectionExceptionEvent}.
	 * @param cause the failure
	 */
	void failed(Throwable cause) {
		if (cause instanceof IOException && Thread.currentThread() == this.reader) {
			ClosedChannelException closed = new ClosedChannelException();
			closed.initCause(cause);
			throw QuietReadFailures.<RuntimeException>sneaky(closed);
		}
	}

	@SuppressWarnings("unchecked")
	private static <E extends Throwable> E sneaky(Throwable error) throws E {
		// readPacket() declares no exception but catches this checked one
		throw (E) error;
	}

}
