package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.AbstractClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnectionSupport;

/**
 * A client connection factory that connects to a Unix domain socket: Spring Integration's NIO
 * client factory, whose connect knows only TCP, rebuilt on {@code AF_UNIX} channels. Each
 * connection is made by {@link #getConnection()} (a connect to a local socket completes or fails
 * at once), handed to the {@link TcpNioConnectionSupport} as a {@link UnixChannelView} and
 * watched for replies by the factory's selector thread.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class UnixClientConnectionFactory extends AbstractClientConnectionFactory {

	private final Path path;

	private final TcpNioConnectionSupport connectionSupport;

	private final Map<SocketChannel, TcpNioConnection> channels = new ConcurrentHashMap<>();

	private final Queue<SocketChannel> newChannels = new ConcurrentLinkedQueue<>();

	private volatile @Nullable Selector selector;

	/**
	 * Create a factory that connects to the given path.
	 * @param path the socket path
	 * @param connectionSupport creates the connection of each connected channel
	 */
	public UnixClientConnectionFactory(Path path, TcpNioConnectionSupport connectionSupport) {
		super(UnixSocketAddresses.PREFIX + path, 0);
		this.path = path;
		this.connectionSupport = connectionSupport;
	}

	/**
	 * Return the socket path.
	 * @return the path
	 */
	public Path getPath() {
		return this.path;
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
			SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			try {
				channel.connect(UnixDomainSocketAddress.of(this.path));
				channel.configureBlocking(false);
				UnixChannelView view = new UnixChannelView(channel, null);
				TcpNioConnection connection = this.connectionSupport.createNewConnection(view, false, false,
						getApplicationEventPublisher(), getComponentName());
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
