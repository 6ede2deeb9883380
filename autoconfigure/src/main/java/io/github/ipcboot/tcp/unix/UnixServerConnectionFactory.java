package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;

/**
 * A server connection factory that listens on a Unix domain socket: Spring Integration's NIO
 * server factory, whose channel and address handling knows only TCP, with its selector loop
 * rebuilt on an {@code AF_UNIX} server channel. Accepted channels are watched by the selector and
 * handed to the {@link TcpNioConnectionSupport} as a {@link UnixChannelView}, so the connections,
 * their gate, limits, timeouts and counts are those of a NIO TCP server. The socket file is
 * prepared when the factory starts and deleted when it stops accepting ({@link SocketFile}).
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class UnixServerConnectionFactory extends AbstractServerConnectionFactory {

	private final SocketFile socketFile;

	private final Map<SocketChannel, TcpNioConnection> channels = new HashMap<>();

	private final TcpNioConnectionSupport connectionSupport;

	private volatile @Nullable ServerSocketChannel serverChannel;

	private volatile @Nullable Selector selector;

	private volatile @Nullable IOException failure;

	/**
	 * Create a factory that listens on the given path once started.
	 * @param serverName the server's name, for messages
	 * @param path the socket path
	 * @param permissions the mode of the socket file, or {@code null} to leave it as the umask makes it
	 * @param connectionSupport creates the connection of each accepted channel
	 */
	public UnixServerConnectionFactory(String serverName, Path path, @Nullable Set<PosixFilePermission> permissions,
			TcpNioConnectionSupport connectionSupport) {
		super(0);
		this.socketFile = new SocketFile(serverName, path, permissions);
		this.connectionSupport = connectionSupport;
	}

	/**
	 * Return the socket path.
	 * @return the path
	 */
	public Path getPath() {
		return this.socketFile.path();
	}

	/**
	 * Return why the last start failed to listen.
	 * @return the failure, or {@code null} when none did
	 */
	public @Nullable IOException getListenFailure() {
		return this.failure;
	}

	@Override
	public String getComponentType() {
		return "unix-nio-server-connection-factory";
	}

	@Override
	public void run() {
		if (getListener() == null) {
			logger.info(() -> this + " No listener bound to server connection factory; will not read; exiting...");
			return;
		}
		this.failure = null;
		try {
			ServerSocketChannel server = this.socketFile.bind(Math.abs(getBacklog()));
			this.serverChannel = server;
			server.configureBlocking(false);
			Selector opened = Selector.open();
			this.selector = opened;
			server.register(opened, SelectionKey.OP_ACCEPT);
			setListening(true);
			publishServerListeningEvent(0);
			select(server, opened);
		}
		catch (IOException ex) {
			this.failure = ex;
			if (ex instanceof UnixSocketFileException) {
				// the server's start-up failure says it
				logger.debug(ex, "Not listening on " + getPath());
			}
			else if (isActive()) {
				logger.error(ex, "Error on the Unix socket " + getPath());
				publishServerExceptionEvent(ex);
			}
			stop();
		}
		catch (ClosedSelectorException ex) {
			// stopped
		}
		finally {
			setListening(false);
		}
	}

	private void select(ServerSocketChannel server, Selector selector) throws IOException {
		while (isActive()) {
			long timeout = Math.max(getSoTimeout(), 0);
			if (!getDelayedReads().isEmpty() && (timeout == 0 || getReadDelay() < timeout)) {
				timeout = getReadDelay();
			}
			int count = selector.select(timeout);
			processNioSelections(count, selector, server, this.channels);
		}
	}

	@Override
	protected void doAccept(Selector selector, ServerSocketChannel server, long now) {
		try {
			SocketChannel accepted;
			while ((accepted = server.accept()) != null) {
				if (isShuttingDown()) {
					accepted.close();
				}
				else {
					accept(selector, accepted, now);
				}
			}
		}
		catch (IOException ex) {
			// the listening channel was closed (a drain stops accepting) or failed
			logger.debug(ex, "Accept failed on the Unix socket " + getPath());
		}
	}

	private void accept(Selector selector, SocketChannel accepted, long now) throws IOException {
		try {
			accepted.configureBlocking(false);
			TcpNioConnection connection = createConnection(accepted, now);
			this.channels.put(accepted, connection);
			accepted.register(selector, SelectionKey.OP_READ, connection);
		}
		catch (Exception ex) {
			logger.error(ex, "Failed to establish a new connection on the Unix socket " + getPath());
			accepted.close();
		}
	}

	private TcpNioConnection createConnection(SocketChannel accepted, long now) throws Exception {
		UnixChannelView view = new UnixChannelView(accepted, UnixChannelView.readCredentials(accepted));
		TcpNioConnection connection = this.connectionSupport.createNewConnection(view, true, false,
				getApplicationEventPublisher(), getComponentName());
		connection.setTaskExecutor(getTaskExecutor());
		connection.setLastRead(now);
		TcpConnectionSupport wrapped = wrapConnection(connection);
		initializeConnection(wrapped, view.socket());
		ApplicationEventPublisher publisher = getApplicationEventPublisher();
		if (publisher != null) {
			publisher.publishEvent(new TcpConnectionOpenEvent(wrapped, getComponentName()));
		}
		return connection;
	}

	/**
	 * Stop accepting connections: the socket file is deleted and the listening channel closed,
	 * so new clients are refused, while the open connections are served on.
	 * @return whether the factory was listening
	 */
	public boolean stopAccepting() {
		ServerSocketChannel server = this.serverChannel;
		this.serverChannel = null;
		this.socketFile.delete();
		if (server == null) {
			return false;
		}
		try {
			server.close();
		}
		catch (IOException ex) {
			// closed as far as new clients are concerned
		}
		return true;
	}

	/**
	 * Stop: inactive first (the selector thread then ends quietly), the connections closed
	 * before the selector, then the listening channel and the socket file.
	 */
	@Override
	public void stop() {
		setActive(false);
		Selector opened = this.selector;
		this.selector = null;
		FactoryStop.closeConnectionsThenSelector(this, opened);
		stopAccepting();
		super.stop();
	}

}
