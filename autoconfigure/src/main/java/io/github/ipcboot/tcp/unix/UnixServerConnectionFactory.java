package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;

/**
 * A server connection factory that listens on a Unix domain socket: Spring Integration's NIO
 * server factory, whose channel and address handling knows only TCP, with its selector loop
 * rebuilt on an {@code AF_UNIX} server channel. Each accepted channel becomes, as a
 * {@link UnixChannelView}, either a NIO connection that the selector watches
 * ({@link TcpNioConnectionSupport}) or a blocking connection read by a thread of its own
 * ({@link TcpNetConnectionSupport}), so the connections, their gate, limits, timeouts and counts
 * are those of a TCP server of the same I/O mode. A blocking connection's channel stays in
 * blocking mode, each read one blocking system call, with the idle timeout (the socket timeout)
 * kept by a {@link ReadTimeoutWatchdog}. The socket file is prepared when the factory starts and
 * deleted when it stops accepting ({@link SocketFile}).
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class UnixServerConnectionFactory extends AbstractServerConnectionFactory {

	private final String serverName;

	private final SocketFile socketFile;

	private final Map<SocketChannel, TcpNioConnection> channels = new HashMap<>();

	private final @Nullable TcpNioConnectionSupport nioSupport;

	private final @Nullable TcpNetConnectionSupport netSupport;

	private volatile @Nullable ServerSocketChannel serverChannel;

	private volatile @Nullable Selector selector;

	private volatile @Nullable IOException failure;

	/** Ends the reads of blocking connections past the idle timeout, while listening with one. */
	private volatile @Nullable ReadTimeoutWatchdog readTimeouts;

	/**
	 * Create a factory whose connections are NIO connections, read when the selector finds data.
	 * @param serverName the server's name, for messages
	 * @param path the socket path
	 * @param permissions the mode of the socket file, or {@code null} to leave it as the umask makes it
	 * @param connectionSupport creates the connection of each accepted channel
	 */
	public UnixServerConnectionFactory(String serverName, Path path, @Nullable Set<PosixFilePermission> permissions,
			TcpNioConnectionSupport connectionSupport) {
		this(serverName, path, permissions, connectionSupport, null);
	}

	/**
	 * Create a factory whose connections are blocking ({@code net}) connections, each read by a
	 * thread of its own through the {@link Socket} of its {@link UnixChannelView}.
	 * @param serverName the server's name, for messages
	 * @param path the socket path
	 * @param permissions the mode of the socket file, or {@code null} to leave it as the umask makes it
	 * @param connectionSupport creates the connection of each accepted channel
	 */
	public UnixServerConnectionFactory(String serverName, Path path, @Nullable Set<PosixFilePermission> permissions,
			TcpNetConnectionSupport connectionSupport) {
		this(serverName, path, permissions, null, connectionSupport);
	}

	private UnixServerConnectionFactory(String serverName, Path path, @Nullable Set<PosixFilePermission> permissions,
			@Nullable TcpNioConnectionSupport nioSupport, @Nullable TcpNetConnectionSupport netSupport) {
		super(0);
		this.serverName = serverName;
		this.socketFile = new SocketFile(serverName, path, permissions);
		this.nioSupport = nioSupport;
		this.netSupport = netSupport;
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
		if (this.netSupport != null && getSoTimeout() > 0) {
			this.readTimeouts = new ReadTimeoutWatchdog(this.serverName, getSoTimeout());
		}
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
			TcpNetConnectionSupport net = this.netSupport;
			accepted.configureBlocking(net != null);
			UnixChannelView view = UnixChannelView.accepted(accepted);
			if (net != null) {
				startNetConnection(net, view);
				return;
			}
			TcpNioConnection connection = createConnection(view, now);
			this.channels.put(accepted, connection);
			accepted.register(selector, SelectionKey.OP_READ, connection);
		}
		catch (Exception ex) {
			logger.error(ex, "Failed to establish a new connection on the Unix socket " + getPath());
			accepted.close();
		}
	}

	private TcpNioConnection createConnection(UnixChannelView view, long now) throws Exception {
		TcpNioConnection connection = Objects.requireNonNull(this.nioSupport)
			.createNewConnection(view, true, false, getApplicationEventPublisher(), getComponentName());
		connection.setTaskExecutor(getTaskExecutor());
		connection.setLastRead(now);
		initialize(connection, view);
		return connection;
	}

	/**
	 * Start a blocking connection: a thread of the executor reads it until it closes, within the
	 * idle timeout (the socket timeout of the view's {@link Socket}, kept by the watchdog), as
	 * Spring Integration's blocking server factory runs its connections.
	 */
	private void startNetConnection(TcpNetConnectionSupport net, UnixChannelView view) throws Exception {
		Socket socket = view.socket();
		socket.setSoTimeout(Math.max(getSoTimeout(), 0));
		ReadTimeoutWatchdog watchdog = this.readTimeouts;
		if (watchdog != null) {
			view.watchReads(watchdog);
		}
		TcpNetConnection connection = net.createNewConnection(socket, true, false, getApplicationEventPublisher(),
				getComponentName());
		TcpConnectionSupport wrapped = initialize(connection, view);
		try {
			getTaskExecutor().execute(wrapped);
		}
		catch (RejectedExecutionException ex) {
			logger.warn(() -> "No thread to serve a new connection on " + getPath() + "; closing it");
			wrapped.close();
		}
		harvestClosedConnections();
	}

	private TcpConnectionSupport initialize(TcpConnectionSupport connection, UnixChannelView view) throws Exception {
		TcpConnectionSupport wrapped = wrapConnection(connection);
		initializeConnection(wrapped, view.socket());
		ApplicationEventPublisher publisher = getApplicationEventPublisher();
		if (publisher != null) {
			publisher.publishEvent(new TcpConnectionOpenEvent(wrapped, getComponentName()));
		}
		return wrapped;
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
		ReadTimeoutWatchdog watchdog = this.readTimeouts;
		this.readTimeouts = null;
		if (watchdog != null) {
			watchdog.stop();
		}
		stopAccepting();
		super.stop();
	}

}
