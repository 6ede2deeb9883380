package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.AbstractClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;

/**
 * A client connection factory that connects to a Unix domain socket: Spring Integration's client
 * factories, whose connect knows only TCP, rebuilt on {@code AF_UNIX} channels. Each connection is
 * made by {@link #getConnection()} within the connect timeout ({@link #getConnectTimeout()}: a
 * connect to a local socket completes or fails at once, except while the server's backlog is
 * full, when Linux holds it until the server accepts; {@link UnixConnect}) and,
 * as a {@link UnixChannelView}, becomes either a NIO connection watched for replies by the
 * factory's selector thread ({@link TcpNioConnectionSupport}) or a blocking connection read by a
 * thread of its own ({@link TcpNetConnectionSupport}).
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class UnixClientConnectionFactory extends AbstractClientConnectionFactory {

	private final Path path;

	private final @Nullable TcpNioConnectionSupport nioSupport;

	private final @Nullable TcpNetConnectionSupport netSupport;

	private final Map<SocketChannel, TcpNioConnection> channels = new ConcurrentHashMap<>();

	private final Queue<SocketChannel> newChannels = new ConcurrentLinkedQueue<>();

	private volatile @Nullable Selector selector;

	/** How long each connect may take, or {@code null} for Spring Integration's setting. */
	private volatile @Nullable Supplier<Duration> connectTimeout;

	/**
	 * Create a factory whose connections are NIO connections, read when the selector finds data.
	 * @param path the socket path
	 * @param connectionSupport creates the connection of each connected channel
	 */
	public UnixClientConnectionFactory(Path path, TcpNioConnectionSupport connectionSupport) {
		this(path, connectionSupport, null);
	}

	/**
	 * Create a factory whose connections are blocking ({@code net}) connections, each read by a
	 * thread of its own through the {@link Socket} of its {@link UnixChannelView}.
	 * @param path the socket path
	 * @param connectionSupport creates the connection of each connected channel
	 */
	public UnixClientConnectionFactory(Path path, TcpNetConnectionSupport connectionSupport) {
		this(path, null, connectionSupport);
	}

	private UnixClientConnectionFactory(Path path, @Nullable TcpNioConnectionSupport nioSupport,
			@Nullable TcpNetConnectionSupport netSupport) {
		super(UnixSocketAddresses.PREFIX + path, 0);
		this.path = path;
		this.nioSupport = nioSupport;
		this.netSupport = netSupport;
	}

	/**
	 * Return the socket path.
	 * @return the path
	 */
	public Path getPath() {
		return this.path;
	}

	/**
	 * Set how long each connect may take, asked anew for every connect (a request's deadline may
	 * shorten it).
	 * @param connectTimeout the connect timeout of the connect starting now
	 */
	public void setConnectTimeout(Supplier<Duration> connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	@Override
	protected Duration getConnectTimeout() {
		Supplier<Duration> timeout = this.connectTimeout;
		return (timeout != null) ? timeout.get() : super.getConnectTimeout();
	}

	@Override
	public String getComponentType() {
		return "unix-nio-client-connection-factory";
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (!isActive()) {
				try {
					this.selector = Selector.open();
				}
				catch (IOException ex) {
					throw new IllegalStateException("Could not open a selector for " + this.path, ex);
				}
				setActive(true);
				getTaskExecutor().execute(this::select);
			}
		}
		super.start();
	}

	@Override
	protected TcpConnectionSupport buildNewConnection() {
		Selector current = this.selector;
		if (current == null || !isActive()) {
			throw new IllegalStateException("Unix socket client for " + this.path + " is not started");
		}
		try {
			SocketChannel channel = UnixConnect.open(UnixDomainSocketAddress.of(this.path), getConnectTimeout());
			try {
				TcpNetConnectionSupport net = this.netSupport;
				// a blocking connection without a read timeout reads the channel in blocking mode;
				// with one, it waits for data in a selector (a client's read timeout does not
				// always close the connection, so no watchdog may close it)
				channel.configureBlocking(net != null && getSoTimeout() <= 0);
				UnixChannelView view = new UnixChannelView(channel, null);
				if (net != null) {
					return startNetConnection(net, view);
				}
				TcpNioConnection connection = Objects.requireNonNull(this.nioSupport)
					.createNewConnection(view, false, false, getApplicationEventPublisher(), getComponentName());
				connection.setTaskExecutor(getTaskExecutor());
				TcpConnectionSupport wrapped = wrapConnection(connection);
				initializeConnection(wrapped, view.socket());
				if (getSoTimeout() > 0) {
					connection.setLastRead(System.currentTimeMillis());
				}
				this.channels.put(channel, connection);
				this.newChannels.add(channel);
				current.wakeup();
				return wrapped;
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UnixSocketConnectException("Could not connect to the Unix socket " + this.path + ": "
					+ ex.getClass().getSimpleName() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Start a blocking connection, read by a thread of the executor until it closes, as Spring
	 * Integration's blocking client factory runs its connections.
	 */
	private TcpConnectionSupport startNetConnection(TcpNetConnectionSupport net, UnixChannelView view) {
		Socket socket = view.socket();
		try {
			socket.setSoTimeout(Math.max(getSoTimeout(), 0));
		}
		catch (SocketException ex) {
			// the view's timeout is a field
		}
		TcpNetConnection connection = net.createNewConnection(socket, false, false, getApplicationEventPublisher(),
				getComponentName());
		TcpConnectionSupport wrapped = wrapConnection(connection);
		initializeConnection(wrapped, socket);
		getTaskExecutor().execute(wrapped);
		harvestClosedConnections();
		return wrapped;
	}

	private void select() {
		Selector current = this.selector;
		if (current == null) {
			return;
		}
		try {
			while (isActive()) {
				long timeout = Math.max(getSoTimeout(), 0);
				if (!getDelayedReads().isEmpty() && (timeout == 0 || getReadDelay() < timeout)) {
					timeout = getReadDelay();
				}
				int count = current.select(timeout);
				SocketChannel added;
				while ((added = this.newChannels.poll()) != null) {
					try {
						added.register(current, SelectionKey.OP_READ, this.channels.get(added));
					}
					catch (ClosedChannelException ex) {
						// closed before it was watched
					}
				}
				processNioSelections(count, current, null, this.channels);
			}
		}
		catch (ClosedSelectorException ex) {
			// stopped
		}
		catch (IOException | RuntimeException ex) {
			if (isActive()) {
				logger.error(ex, "Exception in the read selector thread of the Unix socket client for " + this.path);
				setActive(false);
			}
		}
	}

	/**
	 * Stop: inactive first (the selector thread then ends quietly), the connections closed
	 * before the selector.
	 */
	@Override
	public void stop() {
		setActive(false);
		Selector current = this.selector;
		this.selector = null;
		FactoryStop.closeConnectionsThenSelector(this, current);
		super.stop();
	}

}
