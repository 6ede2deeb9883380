package io.github.ipcboot.tcp;

import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

import io.github.ipcboot.tcp.unix.UnixServerConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.DefaultTcpSocketSupport;
import org.springframework.scheduling.TaskScheduler;

/**
 * One configured TCP server: its Spring Integration connection factory (blocking I/O with a
 * buffered stream per connection), the gate that admits connections, the threads that serve them,
 * and, once a {@link TcpListener} is attached, the dispatcher that calls it.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public final class TcpServer {

	private static final Log logger = LogFactory.getLog(TcpServer.class);

	/** Threads beyond max-connections: the acceptor and connections being turned away. */
	private static final int SPARE_THREADS = 16;

	private final TcpServerSettings settings;

	private final ConnectionGate gate;

	private final ConnectionRegistry connectionRegistry;

	private final ConnectionWatchdog watchdog;

	private final AbstractServerConnectionFactory connectionFactory;

	private final @Nullable ReloadableTls tls;

	private @Nullable ConnectionThreads executor;

	private UnaryOperator<Executor> threadsDecorator = UnaryOperator.identity();

	private volatile @Nullable TcpServerDispatcher dispatcher;

	private volatile @Nullable ServerMessageMapper mapper;

	private volatile boolean draining;

	private final ListeningSocket listeningSocket;

	private volatile int boundPort;

	/**
	 * Create the server (it does not listen until it is started).
	 * @param settings the settings
	 * @param scheduler the scheduler Spring Integration uses for housekeeping
	 */
	public TcpServer(TcpServerSettings settings, TaskScheduler scheduler) {
		this.settings = settings;
		this.gate = new ConnectionGate(settings.name(), settings.maxConnections(),
				settings.limits().maxConnectionsPerClient(), settings.allowedClients(), settings.unix());
		this.watchdog = new ConnectionWatchdog(settings);
		this.connectionRegistry = ConnectionRegistry.forServer(settings, () -> isDraining() || !isRunning(),
				this.watchdog);
		TcpTls tls = settings.tls();
		this.tls = (tls != null) ? new ReloadableTls("TCP server '" + settings.name() + "'", tls) : null;
		this.listeningSocket = new ListeningSocket(new DefaultTcpSocketSupport());
		this.connectionFactory = ServerConnectionFactories.create(settings, this.tls, this.gate, this.connectionRegistry,
				this.listeningSocket, scheduler);
	}

	/**
	 * Return the server's name.
	 * @return the name
	 */
	public String getName() {
		return this.settings.name();
	}

	/**
	 * Return the server's settings.
	 * @return the settings
	 */
	public TcpServerSettings getSettings() {
		return this.settings;
	}

	/**
	 * Return the Spring Integration connection factory, also a bean named
	 * {@code <name>TcpServerConnectionFactory}.
	 * @return the connection factory
	 */
	public AbstractServerConnectionFactory getConnectionFactory() {
		return this.connectionFactory;
	}

	/**
	 * Return the gate that admits connections, with its counts.
	 * @return the gate
	 */
	public ConnectionGate getGate() {
		return this.gate;
	}

	/**
	 * Return the open connections with their statistics.
	 * @return the registry of this server's connections
	 */
	public ConnectionRegistry getConnectionRegistry() {
		return this.connectionRegistry;
	}

	/**
	 * Set the observer of this server's connections, e.g. the one that records its meters.
	 * @param observer the observer, or {@link TcpObserver#NONE}
	 */
	public void setObserver(TcpObserver observer) {
		this.connectionRegistry.setObserver(observer);
	}

	/**
	 * Use a reloaded SSL bundle (the one named by the server's {@code ssl.bundle}) for the TLS
	 * handshakes of new connections; open connections go on with the certificate they were made
	 * with. Called when Spring Boot reloads a bundle configured with {@code reload-on-update}.
	 * @param bundle the reloaded bundle
	 * @throws IllegalStateException if the server does not use TLS, or the bundle's SSL context
	 * cannot be created (the previous one stays in use)
	 * @since 0.2.0
	 */
	public void reloadTls(SslBundle bundle) {
		ReloadableTls current = this.tls;
		if (current == null) {
			throw new IllegalStateException("TCP server '" + getName() + "'" + " does not use TLS");
		}
		current.reload(bundle);
		this.connectionRegistry.observer().tlsReloaded();
	}

	/**
	 * Return the bound port: the configured one, or the ephemeral one chosen for port 0.
	 * @return the port
	 * @throws IllegalStateException if the server is not listening
	 */
	public int getPort() {
		if (!this.connectionFactory.isListening() && !this.draining) {
			throw new IllegalStateException("TCP server '" + getName() + "' is not listening");
		}
		return this.boundPort;
	}

	/**
	 * Return the number of open, admitted connections.
	 * @return the count
	 */
	public int getActiveConnections() {
		return this.gate.getActive();
	}

	/**
	 * Return whether the server is draining for a graceful shutdown: it no longer accepts
	 * connections and closes each open one once its work in flight is done.
	 * @return whether a drain has begun
	 */
	public boolean isDraining() {
		return this.draining;
	}

	/**
	 * Attach the listener method that handles every frame of this server.
	 */
	void attach(ListenerMethod listener) {
		TcpServerDispatcher created = new TcpServerDispatcher(getName(), listener, this.settings.charset(),
				this.settings.errorPolicy());
		ServerMessageMapper mapper = new ServerMessageMapper(getName(), this.settings.errorPolicy(),
				this.settings.charset());
		// NIO may deliver a connection's frames on several threads: number them to restore the order
		mapper.setApplySequence(this.settings.ioMode() == TcpIoMode.NIO);
		this.connectionFactory.setMapper(mapper);
		this.mapper = mapper;
		this.connectionFactory.registerListener(created);
		this.connectionFactory.registerSender(created);
		this.dispatcher = created;
	}

	/**
	 * Return how many times the {@link TcpListener} method failed.
	 * @return the count since start-up
	 */
	public long getListenerErrors() {
		TcpServerDispatcher current = this.dispatcher;
		return (current != null) ? current.getListenerErrors() : 0;
	}

	/**
	 * Return how many frames were over the maximum frame size.
	 * @return the count since start-up
	 */
	public long getFramesTooLarge() {
		ServerMessageMapper current = this.mapper;
		return (current != null) ? current.getFramesTooLarge() : 0;
	}

	boolean hasListener() {
		return this.connectionFactory.getListener() != null;
	}

	/**
	 * Start listening; returns once the server socket is bound.
	 * @param timeoutMillis how long to wait for the socket
	 * @throws IllegalStateException if the server could not bind in time, e.g. the port is in use
	 */
	synchronized void start(long timeoutMillis) {
		if (this.connectionFactory.isRunning()) {
			// started already by another lifecycle bean (e.g. a Spring Integration adapter of a
			// flow) with an executor of Spring Integration's own, which it shuts down itself (and
			// would fail to shut down were it replaced): its threads are bounded by max-connections
			logger.info("TCP server '" + getName() + "' was started by another component; its connections "
					+ "run on that component's threads");
		}
		else {
			// new threads for every start, so that a stopped server can start again
			// Net: a thread per connection; NIO: a read and an assembler task per connection at most
			int perConnection = (this.settings.ioMode() == TcpIoMode.NIO) ? 2 : 1;
			ConnectionThreads threads = new ConnectionThreads("ipc-tcp-" + getName() + "-",
					perConnection * this.settings.maxConnections() + SPARE_THREADS, this.settings.virtualThreads(),
					this.threadsDecorator);
			this.executor = threads;
			this.connectionFactory.setTaskExecutor(threads);
		}
		this.watchdog.start();
		// a restart after a drain: the first client may connect as soon as the socket is bound
		this.draining = false;
		TcpServerDispatcher current = this.dispatcher;
		if (current != null) {
			current.endDrain();
		}
		this.connectionFactory.start();
		long deadline = System.currentTimeMillis() + timeoutMillis;
		while (!this.connectionFactory.isListening() && this.connectionFactory.isRunning()
				&& System.currentTimeMillis() < deadline) {
			LockSupport.parkNanos(1_000_000);
		}
		if (!this.connectionFactory.isListening()) {
			stop();
			throw ListenFailure.describe(this.settings,
					(this.connectionFactory instanceof UnixServerConnectionFactory unix) ? unix.getListenFailure() : null);
		}
		this.boundPort = this.connectionFactory.getPort();
		ServerStartUpLog.listening(logger, this.settings, this.boundPort);
	}

	/**
	 * Stop listening, close every connection and end the connection threads. Does nothing when
	 * stopped already.
	 */
	synchronized void stop() {
		try {
			this.connectionFactory.stop();
		}
		finally {
			// whatever the factory's stop throws, no watchdog or connection thread outlives it
			this.watchdog.stop();
			ConnectionThreads threads = this.executor;
			if (threads != null) {
				this.executor = null;
				threads.close();
			}
		}
	}

	/**
	 * Stop accepting connections: the listening socket closes, so new clients are refused, while
	 * the open connections are served on.
	 */
	void stopAccepting() {
		this.draining = true;
		boolean closed = (this.connectionFactory instanceof UnixServerConnectionFactory unix) ? unix.stopAccepting()
				: this.listeningSocket.close();
		if (closed) {
			logger.info("TCP server '" + getName() + "' stopped accepting connections on "
					+ (this.settings.isUnix() ? this.settings.address() : "port " + this.boundPort));
		}
	}

	/**
	 * Begin draining the open connections: idle ones close now, busy ones right after their last
	 * reply; frames that arrive from now on are answered or ignored as configured.
	 */
	void beginDrain() {
		stopAccepting();
		TcpServerDispatcher current = this.dispatcher;
		if (current != null) {
			current.beginDrain();
		}
	}

	/**
	 * Return how many connections are open (served by the listener).
	 * @return the count
	 */
	int getOpenConnections() {
		TcpServerDispatcher current = this.dispatcher;
		return (current != null) ? current.sessions().size() : 0;
	}

	/**
	 * Close every open connection at once.
	 * @return how many were open
	 */
	int abortConnections() {
		TcpServerDispatcher current = this.dispatcher;
		if (current == null) {
			return 0;
		}
		int count = 0;
		for (ServerSession session : current.sessions().values()) {
			session.close();
			count++;
		}
		return count;
	}

	/**
	 * Return how many frames arrived during a drain and were answered or ignored instead of
	 * reaching the listener.
	 * @return the count since start-up
	 */
	public long getFramesRefusedWhileDraining() {
		TcpServerDispatcher current = this.dispatcher;
		return (current != null) ? current.getFramesRefused() : 0;
	}

	/**
	 * Wrap the executor of the connection threads created by the next {@link #start}, e.g. to
	 * make it fail in a test.
	 */
	void decorateConnectionThreads(UnaryOperator<Executor> decorator) {
		this.threadsDecorator = decorator;
	}

	boolean isRunning() {
		return this.connectionFactory.isRunning();
	}

	@Nullable TcpServerDispatcher dispatcher() {
		return this.dispatcher;
	}

}
