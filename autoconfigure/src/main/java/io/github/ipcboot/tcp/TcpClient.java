package io.github.ipcboot.tcp;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.ipcboot.framing.FrameCodec;
import io.github.ipcboot.framing.FrameInputStream;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.AbstractClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSender;
import org.springframework.messaging.Message;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A client of one TCP server, configured under {@code ipc.tcp.clients.<name>}: request–reply
 * (blocking or with a {@link CompletableFuture}) and fire-and-forget sends over a pool of
 * connections. Each pooled connection carries one request at a time; a connection the server
 * closed is replaced by a new one on the next request.
 * <pre class="code">
 * String price = tcpClients.client("pricing").request("PRICE ACME");
 * </pre>
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public final class TcpClient {

	private static final Log logger = LogFactory.getLog(TcpClient.class);

	private static final int ASYNC_QUEUE_CAPACITY = 10_000;

	private final TcpClientSettings settings;

	private final AbstractClientConnectionFactory connectionFactory;

	private final ConnectionRegistry connectionRegistry;

	private @Nullable ConnectionThreads readers;

	private @Nullable ThreadPoolExecutor asyncRequests;

	private final Set<CompletableFuture<?>> pendingAsync = ConcurrentHashMap.newKeySet();

	private final Semaphore permits;

	private final BlockingQueue<PooledConnection> idle;

	private final Map<String, PooledConnection> connections = new ConcurrentHashMap<>();

	private final AtomicBoolean listening = new AtomicBoolean();

	private volatile boolean draining;

	/**
	 * Create the client (it connects on the first request).
	 * @param settings the settings
	 * @param scheduler the scheduler Spring Integration uses for housekeeping
	 */
	public TcpClient(TcpClientSettings settings, TaskScheduler scheduler) {
		this.settings = settings;
		this.permits = new Semaphore(settings.poolSize(), true);
		this.idle = new ArrayBlockingQueue<>(settings.poolSize());
		this.connectionRegistry = ConnectionRegistry.forClient(() -> !getConnectionFactory().isRunning());
		this.connectionFactory = createConnectionFactory(settings, this.connectionRegistry);
		FrameCodec codec = settings.framing().createCodec();
		this.connectionFactory.setSerializer(codec);
		this.connectionFactory.setDeserializer(codec);
		this.connectionFactory.setSingleUse(true);
		this.connectionFactory.setConnectTimeout((int) Math.max(1, (settings.connectTimeout().toMillis() + 999) / 1000));
		this.connectionFactory.setSoTcpNoDelay(true);
		this.connectionFactory.setLookupHost(false);
		this.connectionFactory.setTaskScheduler(scheduler);
	}

	private static AbstractClientConnectionFactory createConnectionFactory(TcpClientSettings settings,
			ConnectionRegistry registry) {
		TcpTls tls = settings.tls();
		if (settings.ioMode() == TcpIoMode.NIO) {
			TcpNioClientConnectionFactory nio = new TcpNioClientConnectionFactory(settings.host(), settings.port());
			nio.setTcpNioConnectionSupport(
					new GatedTcpNioConnectionSupport(tls, settings.host(), settings.port(), registry));
			return nio;
		}
		TcpNetClientConnectionFactory net = new TcpNetClientConnectionFactory(settings.host(), settings.port());
		net.setTcpNetConnectionSupport(
				new BufferedTcpNetConnectionSupport(FrameInputStream.DEFAULT_BUFFER_SIZE, null, registry));
		if (tls != null) {
			TlsSocketSupport.apply(tls, net);
		}
		return net;
	}

	/**
	 * Return the client's name.
	 * @return the name
	 */
	public String getName() {
		return this.settings.name();
	}

	/**
	 * Return the client's settings.
	 * @return the settings
	 */
	public TcpClientSettings getSettings() {
		return this.settings;
	}

	/**
	 * Return the Spring Integration connection factory, also a bean named
	 * {@code <name>TcpClientConnectionFactory}. Use it in your own endpoint or through this
	 * client, not both.
	 * @return the connection factory
	 */
	public AbstractClientConnectionFactory getConnectionFactory() {
		return this.connectionFactory;
	}

	/**
	 * Return the open connections with their statistics, and the outcome of the last attempt to
	 * connect.
	 * @return the registry of this client's connections
	 */
	public ConnectionRegistry getConnectionRegistry() {
		return this.connectionRegistry;
	}

	/**
	 * Set the observer of this client's connections and requests, e.g. the one that records its
	 * meters.
	 * @param observer the observer, or {@link TcpObserver#NONE}
	 */
	public void setObserver(TcpObserver observer) {
		this.connectionRegistry.setObserver(observer);
	}

	/**
	 * Send a frame and wait for the reply frame.
	 * @param frame the request
	 * @return the reply
	 * @throws TcpConnectException if the server cannot be reached
	 * @throws TcpReplyTimeoutException if no connection is free or no reply arrives within the
	 * reply timeout
	 * @throws TcpClientException if the connection fails before the reply
	 */
	public byte[] request(byte[] frame) {
		checkAccepting();
		return observedRequest(frame, System.nanoTime() + this.settings.replyTimeout().toNanos());
	}

	private byte[] observedRequest(byte[] frame, long deadline) {
		// the reply timeout counts from the start of the request: this is when it started
		long started = deadline - this.settings.replyTimeout().toNanos();
		Throwable failure = null;
		try {
			return request(frame, deadline);
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			this.connectionRegistry.requestEnded(started, failure);
		}
	}

	private byte[] request(byte[] frame, long deadline) {
		PooledConnection connection = acquire(deadline);
		CompletableFuture<byte[]> reply = connection.expectReply();
		try {
			connection.send(frame);
			return reply.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			connection.close();
			throw new TcpReplyTimeoutException(describe() + " got no reply within " + this.settings.replyTimeout(),
					this.settings.replyTimeout());
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof TcpClientException clientException) ? clientException
					: new TcpClientException(describe() + " failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			connection.close();
			throw new TcpClientException(describe() + " was interrupted while waiting for the reply", ex);
		}
		catch (RuntimeException ex) {
			connection.close();
			throw new TcpClientException(describe() + " could not send the request", ex);
		}
		finally {
			connection.clearPending();
			release(connection);
		}
	}

	/**
	 * Send a text frame (in the client's charset) and wait for the reply.
	 * @param frame the request
	 * @return the reply, decoded with the client's charset
	 * @see #request(byte[])
	 */
	public String request(String frame) {
		return new String(request(frame.getBytes(this.settings.charset())), this.settings.charset());
	}

	/**
	 * Send a frame and return at once; the future completes with the reply or with one of the
	 * exceptions of {@link #request(byte[])}.
	 * @param frame the request
	 * @return the future reply
	 */
	public CompletableFuture<byte[]> requestAsync(byte[] frame) {
		// the reply timeout counts from now, also while the request waits for a thread
		long deadline = System.nanoTime() + this.settings.replyTimeout().toNanos();
		CompletableFuture<byte[]> reply = new CompletableFuture<>();
		ThreadPoolExecutor executor = this.asyncRequests;
		if (executor == null || this.draining) {
			reply.completeExceptionally(new TcpClientException(
					describe() + ((executor == null) ? " is not running" : " is shutting down and takes no new requests")));
			return reply;
		}
		this.pendingAsync.add(reply);
		reply.whenComplete((result, failure) -> this.pendingAsync.remove(reply));
		try {
			executor.execute(() -> {
				try {
					reply.complete(observedRequest(frame, deadline));
				}
				catch (RuntimeException ex) {
					reply.completeExceptionally(ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			reply.completeExceptionally(new TcpClientException(
					describe() + " has " + ASYNC_QUEUE_CAPACITY + " requests waiting already, or is stopping", ex));
		}
		return reply;
	}

	/**
	 * Send a text frame and return at once.
	 * @param frame the request
	 * @return the future reply, decoded with the client's charset
	 * @see #requestAsync(byte[])
	 */
	public CompletableFuture<String> requestAsync(String frame) {
		return requestAsync(frame.getBytes(this.settings.charset()))
			.thenApply((reply) -> new String(reply, this.settings.charset()));
	}

	/**
	 * Send a frame without waiting for a reply (for servers that do not answer it).
	 * @param frame the frame
	 * @throws TcpConnectException if the server cannot be reached
	 * @throws TcpClientException if the frame cannot be sent
	 */
	public void send(byte[] frame) {
		checkAccepting();
		PooledConnection connection = acquire(System.nanoTime() + this.settings.replyTimeout().toNanos());
		try {
			connection.send(frame);
		}
		catch (RuntimeException ex) {
			connection.close();
			throw new TcpClientException(describe() + " could not send a frame", ex);
		}
		finally {
			release(connection);
		}
	}

	/**
	 * Send a text frame (in the client's charset) without waiting for a reply.
	 * @param frame the frame
	 * @see #send(byte[])
	 */
	public void send(String frame) {
		send(frame.getBytes(this.settings.charset()));
	}

	private void checkAccepting() {
		if (this.draining) {
			throw new TcpClientException(describe() + " is shutting down and takes no new requests");
		}
	}

	private PooledConnection acquire(long deadline) {
		try {
			if (!this.permits.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				throw new TcpReplyTimeoutException(describe() + " found no free connection among "
						+ this.settings.poolSize() + " within " + this.settings.replyTimeout(),
						this.settings.replyTimeout());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TcpClientException(describe() + " was interrupted while waiting for a connection", ex);
		}
		PooledConnection connection = this.idle.poll();
		while (connection != null && !connection.isOpen()) {
			this.connections.remove(connection.id());
			connection = this.idle.poll();
		}
		if (connection != null) {
			return connection;
		}
		try {
			registerListener();
			TcpConnection created = this.connectionFactory.getConnection();
			PooledConnection pooled = new PooledConnection(created);
			this.connections.put(pooled.id(), pooled);
			return pooled;
		}
		catch (InterruptedException ex) {
			this.permits.release();
			Thread.currentThread().interrupt();
			throw new TcpClientException(describe() + " was interrupted while connecting", ex);
		}
		catch (RuntimeException ex) {
			this.permits.release();
			this.connectionRegistry.connectFailed(ex);
			throw new TcpConnectException(describe() + " could not connect: " + ex.getMessage(), ex);
		}
	}

	private void release(PooledConnection connection) {
		if (!connection.isOpen() || !this.idle.offer(connection)) {
			this.connections.remove(connection.id());
		}
		this.permits.release();
	}

	private void registerListener() {
		if (this.listening.compareAndSet(false, true)) {
			ReplyRouter router = new ReplyRouter();
			this.connectionFactory.registerListener(router);
			this.connectionFactory.registerSender(router);
		}
	}

	private String describe() {
		return "TCP client '" + getName() + "' (" + this.settings.host() + ":" + this.settings.port() + ")";
	}

	/**
	 * Stop taking new requests; those already sent or queued go on.
	 */
	void beginDrain() {
		this.draining = true;
	}

	/**
	 * Return how many requests hold a connection or wait in the asynchronous queue.
	 */
	int getPendingRequests() {
		return (this.settings.poolSize() - this.permits.availablePermits()) + this.pendingAsync.size();
	}

	synchronized void start() {
		this.draining = false;
		// new threads for every start, so that a stopped client can start again
		ConnectionThreads threads = new ConnectionThreads("ipc-tcp-client-" + getName() + "-",
				this.settings.poolSize() + 4, this.settings.virtualThreads());
		this.readers = threads;
		this.connectionFactory.setTaskExecutor(threads);
		ThreadPoolExecutor async = new ThreadPoolExecutor(this.settings.poolSize(), this.settings.poolSize(), 60,
				TimeUnit.SECONDS, new ArrayBlockingQueue<>(ASYNC_QUEUE_CAPACITY),
				new CustomizableThreadFactory("ipc-tcp-client-" + getName() + "-async-"));
		async.allowCoreThreadTimeOut(true);
		this.asyncRequests = async;
		this.connectionFactory.start();
	}

	/**
	 * Close every connection, end the threads and fail the requests still waiting. Does nothing
	 * when stopped already.
	 */
	synchronized void stop() {
		this.connectionFactory.stop();
		this.idle.clear();
		this.connections.clear();
		ThreadPoolExecutor async = this.asyncRequests;
		if (async != null) {
			this.asyncRequests = null;
			async.shutdownNow();
		}
		ConnectionThreads threads = this.readers;
		if (threads != null) {
			this.readers = null;
			threads.close();
		}
		for (CompletableFuture<?> pending : this.pendingAsync) {
			pending.completeExceptionally(new TcpClientException(describe() + " stopped before the reply"));
		}
	}

	/**
	 * Hands each frame to the pooled connection it arrived on, and fails the pending request of a
	 * connection that closes.
	 */
	private final class ReplyRouter
			implements org.springframework.integration.ip.tcp.connection.TcpListener, TcpSender {

		@Override
		public void onMessage(Message<?> message) {
			String id = message.getHeaders().get(IpHeaders.CONNECTION_ID, String.class);
			PooledConnection connection = (id != null) ? TcpClient.this.connections.get(id) : null;
			if (connection != null && message.getPayload() instanceof byte[] frame && !connection.onFrame(frame)) {
				logger.debug(describe() + " dropped a frame that answers no request on connection " + id);
			}
		}

		@Override
		public void addNewConnection(TcpConnection connection) {
		}

		@Override
		public void removeDeadConnection(TcpConnection connection) {
			PooledConnection closed = TcpClient.this.connections.remove(connection.getConnectionId());
			if (closed != null) {
				closed.onClosed();
			}
		}

	}

}
