package io.github.ipcboot.tcp;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;

/**
 * Admits the NIO connections of a server through a {@link ConnectionGate}. A rejected connection
 * is shut down in both directions before Spring Integration registers it: the client sees the
 * connection closed at once, nothing it sends is handled, and Spring Integration closes the channel
 * when it reads the end of the stream.
 */
final class GatedTcpNioConnectionSupport implements TcpNioConnectionSupport {

	private final ConnectionGate gate;

	GatedTcpNioConnectionSupport(ConnectionGate gate) {
		this.gate = gate;
	}

	@Override
	public TcpNioConnection createNewConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
			@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
		if (server && this.gate.admit(socketChannel.socket().getInetAddress()) != null) {
			try {
				socketChannel.shutdownOutput();
				socketChannel.shutdownInput();
			}
			catch (IOException ex) {
				// the client is gone already
			}
			return new RejectedTcpNioConnection(socketChannel, lookupHost, applicationEventPublisher,
					connectionFactoryName);
		}
		return new GatedTcpNioConnection(socketChannel, server, lookupHost, applicationEventPublisher,
				connectionFactoryName, server ? this.gate : null);
	}

	/**
	 * Return whether the connection was turned away by a gate.
	 * @param connection a connection
	 * @return whether it was rejected
	 */
	static boolean isRejected(Object connection) {
		return connection instanceof RejectedTcpNioConnection;
	}

	/**
	 * A connection the gate turned away.
	 */
	static final class RejectedTcpNioConnection extends TcpNioConnection {

		RejectedTcpNioConnection(SocketChannel socketChannel, boolean lookupHost,
				@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName) {
			super(socketChannel, true, lookupHost, applicationEventPublisher, connectionFactoryName);
		}

	}

	/**
	 * An admitted connection that gives its place back when it closes.
	 */
	static final class GatedTcpNioConnection extends TcpNioConnection {

		private final @Nullable ConnectionGate gate;

		private final AtomicBoolean released = new AtomicBoolean();

		GatedTcpNioConnection(SocketChannel socketChannel, boolean server, boolean lookupHost,
				@Nullable ApplicationEventPublisher applicationEventPublisher, @Nullable String connectionFactoryName,
				@Nullable ConnectionGate gate) {
			super(socketChannel, server, lookupHost, applicationEventPublisher, connectionFactoryName);
			this.gate = gate;
		}

		@Override
		public void close() {
			ConnectionGate gateToRelease = this.gate;
			if (gateToRelease != null && this.released.compareAndSet(false, true)) {
				gateToRelease.release();
			}
			super.close();
		}

	}

}
