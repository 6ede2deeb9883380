package io.github.ipcboot.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSocket;

import io.github.ipcboot.framing.FrameCodec;
import io.github.ipcboot.framing.FrameInputStream;
import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import io.github.ipcboot.tcp.unix.UnixClientConnectionFactory;
import io.github.ipcboot.tcp.unix.UnixSocketAddresses;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.AbstractClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioClientConnectionFactory;

/**
 * Creates the Spring Integration connection factory of a {@link TcpClient}, Net or NIO, plain or
 * TLS, or NIO over a Unix domain socket, whose connect timeout counts in milliseconds (Spring Integration's own setter takes whole
 * seconds) and never runs past the deadline of the request that connects
 * ({@link ConnectDeadline}). A Net TLS connection completes its handshake while it connects,
 * within another such bound; a NIO one runs it with its first write, where {@link ClientTimer}
 * bounds it the same.
 */
final class ClientConnectionFactories {

	private ClientConnectionFactories() {
	}

	static AbstractClientConnectionFactory create(TcpClientSettings settings, @Nullable ReloadableTls tls,
			ConnectionRegistry registry, ClientTimer timer) {
		AbstractClientConnectionFactory factory = settings.isUnix() ? unix(settings, registry)
				: (settings.ioMode() == TcpIoMode.NIO) ? nio(settings, tls, registry)
						: net(settings, tls, registry, timer);
		FrameCodec codec = settings.framing().createCodec();
		factory.setSerializer(codec);
		factory.setDeserializer(codec);
		factory.setMapper(new ClientMessageMapper(settings.ioMode() == TcpIoMode.NIO));
		// the client keeps its own pool: every getConnection() opens a new connection
		factory.setSingleUse(true);
		factory.setSoTcpNoDelay(true);
		factory.setLookupHost(false);
		return factory;
	}

	private static AbstractClientConnectionFactory unix(TcpClientSettings settings, ConnectionRegistry registry) {
		Path path = UnixSocketAddresses.path(settings.host());
		UnixClientConnectionFactory unix = (settings.ioMode() == TcpIoMode.NIO)
				? new UnixClientConnectionFactory(path,
						new GatedTcpNioConnectionSupport(null, settings.host(), 0, registry))
				: new UnixClientConnectionFactory(path,
						new BufferedTcpNetConnectionSupport(FrameInputStream.DEFAULT_BUFFER_SIZE, null, registry));
		Duration connectTimeout = settings.connectTimeout();
		unix.setConnectTimeout(() -> ConnectDeadline.bound(connectTimeout));
		return unix;
	}

	private static AbstractClientConnectionFactory nio(TcpClientSettings settings, @Nullable ReloadableTls tls,
			ConnectionRegistry registry) {
		NioFactory nio = new NioFactory(settings);
		nio.setTcpNioConnectionSupport(new GatedTcpNioConnectionSupport(tls, settings.host(), settings.port(), registry));
		// Spring Integration's own bound (whole seconds) stays behind the client's, which fires first
		nio.setSslHandshakeTimeout((int) settings.connectTimeout().toSeconds() + 2);
		return nio;
	}

	private static AbstractClientConnectionFactory net(TcpClientSettings settings, @Nullable ReloadableTls tls,
			ConnectionRegistry registry, ClientTimer timer) {
		NetFactory net = new NetFactory(settings, timer, registry);
		net.setTcpNetConnectionSupport(
				new BufferedTcpNetConnectionSupport(FrameInputStream.DEFAULT_BUFFER_SIZE, null, registry));
		if (tls != null) {
			TlsSocketSupport.apply(tls, net);
		}
		return net;
	}

	/**
	 * A NIO client factory with a connect timeout in milliseconds.
	 */
	static final class NioFactory extends TcpNioClientConnectionFactory {

		private final Duration connectTimeout;

		NioFactory(TcpClientSettings settings) {
			super(settings.host(), settings.port());
			this.connectTimeout = settings.connectTimeout();
		}

		@Override
		protected Duration getConnectTimeout() {
			return ConnectDeadline.bound(this.connectTimeout);
		}

		/**
		 * Stop without the errors Spring Integration logs or throws when its selector closes
		 * under connections still open: inactive first (the selector thread then ends quietly),
		 * the connections closed before the selector (a read in progress then leaves their keys
		 * alone).
		 */
		@Override
		public void stop() {
			setActive(false);
			for (String id : getOpenConnectionIds()) {
				closeConnection(id);
			}
			super.stop();
		}

	}

	/**
	 * A Net client factory with a connect timeout in milliseconds, which completes the TLS
	 * handshake of a connection before handing it out.
	 */
	static final class NetFactory extends TcpNetClientConnectionFactory {

		private final Duration connectTimeout;

		private final ClientTimer timer;

		private final ConnectionRegistry registry;

		NetFactory(TcpClientSettings settings, ClientTimer timer, ConnectionRegistry registry) {
			super(settings.host(), settings.port());
			this.connectTimeout = settings.connectTimeout();
			this.timer = timer;
			this.registry = registry;
		}

		@Override
		protected Duration getConnectTimeout() {
			return ConnectDeadline.bound(this.connectTimeout);
		}

		@Override
		protected Socket createSocket(String host, int port) throws IOException {
			Socket socket = getTcpSocketFactorySupport().getSocketFactory().createSocket();
			try {
				socket.connect(new InetSocketAddress(host, port), millis(getConnectTimeout()));
				return socket;
			}
			catch (IOException ex) {
				// Spring Integration would leave the unconnected socket open
				closeQuietly(socket);
				throw ex;
			}
		}

		@Override
		protected void setSocketAttributes(Socket socket) throws SocketException {
			super.setSocketAttributes(socket);
			if (socket instanceof SSLSocket tls && tls.getUseClientMode()) {
				handshake(tls);
			}
		}

		/**
		 * Complete the handshake within the connect timeout (or the time left to the request):
		 * each read is bounded by the socket timeout, the whole by a task that closes the socket.
		 */
		private void handshake(SSLSocket socket) throws SocketException {
			Duration timeout = getConnectTimeout();
			AtomicBoolean expired = new AtomicBoolean();
			Future<?> abort;
			try {
				abort = this.timer.schedule(() -> {
					expired.set(true);
					closeQuietly(socket);
				}, timeout.toNanos());
			}
			catch (TcpClientException ex) {
				// the client is stopping: the connected socket goes too
				closeQuietly(socket);
				throw ex;
			}
			try {
				socket.setSoTimeout(millis(timeout));
				socket.startHandshake();
				socket.setSoTimeout(0);
			}
			catch (IOException ex) {
				closeQuietly(socket);
				boolean timedOut = ex instanceof SocketTimeoutException || expired.get();
				if (timedOut) {
					// the handshake runs before Spring Integration makes the connection: count the
					// connected socket as opened and closed here, as a NIO client's would be
					this.registry.observer().connectionOpened();
					this.registry.observer().connectionClosed(CloseReason.HANDSHAKE_TIMEOUT);
				}
				SocketException failure = new SocketException("TLS handshake with " + getHost() + ":" + getPort()
						+ (timedOut ? " did not complete within " + timeout : " failed: " + ex.getMessage()));
				failure.initCause(ex);
				throw failure;
			}
			finally {
				abort.cancel(false);
			}
		}

		private static int millis(Duration timeout) {
			return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
		}

		private static void closeQuietly(Socket socket) {
			try {
				// a reset: nothing is queued that could hold the close up
				socket.setSoLinger(true, 0);
				socket.close();
			}
			catch (IOException ex) {
				// closed already
			}
		}

	}

}
