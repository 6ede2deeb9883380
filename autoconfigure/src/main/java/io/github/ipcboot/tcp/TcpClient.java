package io.github.ipcboot.tcp;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.integration.ip.tcp.connection.AbstractClientConnectionFactory;
import org.springframework.scheduling.TaskScheduler;

/**
 * A client of one TCP server, configured under {@code ipc.tcp.clients.<name>}: request–reply
 * (blocking or with a {@link CompletableFuture}), requests answered by several frames, and
 * fire-and-forget sends over a pool of connections.
 * <pre class="code">
 * String price = tcpClients.client("pricing").request("PRICE ACME");
 * List&lt;String&gt; lines = tcpClients.client("gateway").exchange("RUN date",
 *         (frame) -&gt; frame.startsWith("OK") || frame.startsWith("ERR"));
 * </pre>
 * <p>
 * <b>How replies are matched.</b> Each pooled connection carries one request at a time, and a
 * frame is taken as a reply only from the moment the request starts being written until its reply
 * is complete. These close the connection instead (counted in {@code ipc.tcp.connections.closed}
 * with {@code reason=unexpected_frame}) and never reach a request: a frame that arrives while no
 * request is being written or answered (a greeting, an answer to a fire-and-forget frame, a frame
 * the server sends on its own); data already received when a request is about to begin on a
 * pooled connection (the request then goes, unwritten, on another connection); data received
 * right behind a complete reply (the request fails with a {@link TcpClientException}: its
 * "reply" may be a greeting read together with the real one). Fire-and-forget sends use a
 * connection of their own.
 * <p>
 * What no client of a protocol without correlation ids can detect: a frame the server sends
 * unasked that arrives <em>after</em> the next request was written (and before its reply) is
 * taken as that request's reply. The displaced reply then retires the connection if it arrives
 * while no request waits or is already received when the next request begins; only if the next
 * request is written before it arrives does it shift again. Protocols whose servers send frames
 * unasked should read them on a connection of their own (e.g. a Spring Integration endpoint on
 * another client's connection factory), or carry a correlation id in the payload and check it;
 * {@link #exchange(String, Predicate)} serves replies of several frames.
 * <p>
 * <b>Every wait is bounded.</b> The reply timeout counts from the call and bounds all of it: the
 * wait for a free pooled connection (and, asynchronously, for a thread), every connect and TLS
 * handshake, the write of the request and the wait for the (whole) reply. The connect timeout
 * bounds each connect and each TLS handshake on its own, never past the reply deadline; a request
 * may connect up to {@value ClientExchanges#MAX_ATTEMPTS} times when new connections close or
 * send a frame before it could be written. Worst case for one call: {@code reply-timeout}, plus
 * the time to close a socket. A write or a reply that misses its deadline drops the connection
 * (counted with {@code reason=reply_timeout}, a handshake with {@code reason=handshake_timeout})
 * and releases its place in the pool. Once a request has started being written, the server may
 * have acted on it even if the call then fails (a timeout, a closed connection): a caller whose
 * requests are not idempotent must not simply send it again.
 * <p>
 * <b>Memory.</b> A reply, with the frames read ahead of their turn on NIO, may have at most
 * {@code max-reply-size} bytes (and {@code max-reply-frames} frames): beyond, the request fails
 * and the connection closes ({@code reason=reply_too_large}). The client holds at most
 * {@code pool-size x (max-reply-size + max-frame-size)} bytes of replies, plus a read buffer of at
 * most {@code max-frame-size} per open connection ({@code pool-size + 1}).
 * <p>
 * <b>Pool hygiene.</b> Requests use at most {@code pool-size} connections, fire-and-forget sends
 * one more of their own. A pooled connection unused for {@code pool-idle-timeout} is closed
 * ({@code reason=idle}), at the latest one and a half times that after its last use. A connection
 * the server has closed is dropped when seen closed; a request that finds its connection closed,
 * or retired, before writing anything goes on a new connection instead. A request that was
 * written is never sent again.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public final class TcpClient {

	private final TcpClientSettings settings;

	private final String description;

	private final ConnectionRegistry connectionRegistry;

	private final AbstractClientConnectionFactory connectionFactory;

	private final @Nullable ReloadableTls tls;

	private final ClientTimer timer;

	private final ClientPool pool;

	private final ClientExchanges exchanges;

	private final AsyncRequests async;

	private final ClientLifecycle lifecycle;

	private final ClientTextFrames text;

	/**
	 * Create the client (it connects on the first request).
	 * @param settings the settings
	 * @param scheduler the scheduler Spring Integration uses for housekeeping
	 */
	public TcpClient(TcpClientSettings settings, TaskScheduler scheduler) {
		this.settings = settings;
		this.description = "TCP client '" + settings.name() + "' ("
				+ (settings.isUnix() ? settings.host() : settings.host() + ":" + settings.port()) + ")";
		this.timer = new ClientTimer(this.description, "ipc-tcp-client-" + settings.name() + "-timer-");
		this.connectionRegistry = ConnectionRegistry.forClient(() -> !getConnectionFactory().isRunning());
		TcpTls tls = settings.tls();
		this.tls = (tls != null) ? new ReloadableTls(this.description, tls) : null;
		this.connectionFactory = ClientConnectionFactories.create(settings, this.tls, this.connectionRegistry,
				this.timer);
		this.connectionFactory.setTaskScheduler(scheduler);
		this.pool = new ClientPool(this.description, settings, this.connectionFactory, this.connectionRegistry,
				this.timer::execute);
		this.exchanges = new ClientExchanges(this.description, settings, this.pool, this.timer);
		this.async = new AsyncRequests(this.description, settings.poolSize());
		this.lifecycle = new ClientLifecycle(this.description, settings, this.connectionFactory, this.timer, this.pool,
				this.async);
		this.text = new ClientTextFrames(settings.charset());
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
	 * Use a reloaded SSL bundle (the one named by the client's {@code ssl.bundle}) for the TLS
	 * handshakes of new connections; open connections go on with the certificate they were made
	 * with. Called when Spring Boot reloads a bundle configured with {@code reload-on-update}.
	 * @param bundle the reloaded bundle
	 * @throws IllegalStateException if the client does not use TLS, or the bundle's SSL context
	 * cannot be created (the previous one stays in use)
	 * @since 0.2.0
	 */
	public void reloadTls(SslBundle bundle) {
		ReloadableTls current = this.tls;
		if (current == null) {
			throw new IllegalStateException(this.description + " does not use TLS");
		}
		current.reload(bundle);
		this.connectionRegistry.observer().tlsReloaded();
	}

	/**
	 * Send a frame and wait for the reply frame.
	 * @param frame the request
	 * @return the reply
	 * @throws TcpConnectException if the server cannot be reached, or the TLS handshake fails or
	 * does not complete within the connect timeout
	 * @throws TcpReplyTimeoutException if no connection is free, or the request cannot be written,
	 * or no reply arrives, within the reply timeout
	 * @throws TcpClientException if the connection fails before the reply, if more data arrives
	 * right behind the reply, or if the client is not running; once the request has started being
	 * written, the server may have acted on it even though the call fails
	 */
	public byte[] request(byte[] frame) {
		return exchange(frame, (reply) -> true).get(0);
	}

	/**
	 * Send a text frame (in the client's charset) and wait for the reply.
	 * @param frame the request
	 * @return the reply, decoded with the client's charset
	 * @see #request(byte[])
	 */
	public String request(String frame) {
		return this.text.decode(request(this.text.encode(frame)));
	}

	/**
	 * Send a frame and return at once; the future completes with the reply or with one of the
	 * exceptions of {@link #request(byte[])}, or fails at once when the client is not running,
	 * is shutting down, or has {@value AsyncRequests#QUEUE_CAPACITY} requests waiting already.
	 * The reply timeout counts from this call, also while the request waits for a thread.
	 * @param frame the request
	 * @return the future reply
	 */
	public CompletableFuture<byte[]> requestAsync(byte[] frame) {
		return exchangeAsync(frame, (reply) -> true).thenApply((frames) -> frames.get(0));
	}

	/**
	 * Send a text frame and return at once.
	 * @param frame the request
	 * @return the future reply, decoded with the client's charset
	 * @see #requestAsync(byte[])
	 */
	public CompletableFuture<String> requestAsync(String frame) {
		return requestAsync(this.text.encode(frame)).thenApply(this.text::decode);
	}

	/**
	 * Send a frame and collect the frames of its reply up to the one the completion rule accepts
	 * as the last (included). The whole reply must arrive within the reply timeout and may have
	 * at most {@code max-reply-frames} frames and {@code max-reply-size} bytes.
	 * <pre class="code">
	 * List&lt;byte[]&gt; reply = client.exchange(request, (frame) -&gt; frame.length == 0);
	 * </pre>
	 * @param frame the request
	 * @param last whether a frame is the last of the reply; called on a connection's reader
	 * thread, so it must be quick; if it throws, the request fails and the connection closes
	 * @return the reply's frames, in the order they arrived
	 * @throws TcpClientException as {@link #request(byte[])} does (after a failure the server may
	 * have acted on the request), and when the reply has more frames or bytes than allowed
	 * @since 0.2.0
	 */
	public List<byte[]> exchange(byte[] frame, Predicate<byte[]> last) {
		return exchange(frame, last, this.settings.replyTimeout());
	}

	/**
	 * Send a frame and collect the frames of its reply, within a timeout of its own instead of the
	 * client's reply timeout (e.g. for a command that runs longer than most requests).
	 * @param frame the request
	 * @param last whether a frame is the last of the reply
	 * @param timeout how long the request may take, from this call to the complete reply
	 * @return the reply's frames
	 * @see #exchange(byte[], Predicate)
	 * @since 0.2.0
	 */
	public List<byte[]> exchange(byte[] frame, Predicate<byte[]> last, Duration timeout) {
		this.lifecycle.checkAccepting();
		return observed(frame, last, System.nanoTime(), timeout);
	}

	/**
	 * Send a text frame and collect the frames of its reply, decoded with the client's charset,
	 * up to the one the completion rule accepts as the last. For the demo gateway's {@code RUN},
	 * whose reply is {@code STDOUT ...} lines and a final {@code OK ...} or {@code ERR ...}:
	 * <pre class="code">
	 * List&lt;String&gt; lines = client.exchange("RUN date",
	 *         (line) -&gt; line.startsWith("OK") || line.startsWith("ERR"));
	 * </pre>
	 * @param frame the request
	 * @param last whether a frame is the last of the reply (see {@link #exchange(byte[], Predicate)})
	 * @return the reply's frames
	 * @see #exchange(byte[], Predicate)
	 * @since 0.2.0
	 */
	public List<String> exchange(String frame, Predicate<String> last) {
		return exchange(frame, last, this.settings.replyTimeout());
	}

	/**
	 * Send a text frame and collect the decoded frames of its reply, within a timeout of its own.
	 * @param frame the request
	 * @param last whether a frame is the last of the reply
	 * @param timeout how long the request may take, from this call to the complete reply
	 * @return the reply's frames
	 * @see #exchange(byte[], Predicate, Duration)
	 * @since 0.2.0
	 */
	public List<String> exchange(String frame, Predicate<String> last, Duration timeout) {
		return this.text.decode(exchange(this.text.encode(frame), this.text.decoding(last), timeout));
	}

	/**
	 * Send a frame and return at once; the future completes with the frames of the reply, as
	 * {@link #exchange(byte[], Predicate)} returns them, or fails as {@link #requestAsync(byte[])}.
	 * @param frame the request
	 * @param last whether a frame is the last of the reply
	 * @return the future reply
	 * @since 0.2.0
	 */
	public CompletableFuture<List<byte[]>> exchangeAsync(byte[] frame, Predicate<byte[]> last) {
		// the reply timeout counts from now, also while the request waits for a thread
		long started = System.nanoTime();
		return this.async.submit(() -> observed(frame, last, started, this.settings.replyTimeout()));
	}

	/**
	 * Send a text frame and return at once; the future completes with the decoded frames of the
	 * reply.
	 * @param frame the request
	 * @param last whether a frame is the last of the reply
	 * @return the future reply
	 * @see #exchangeAsync(byte[], Predicate)
	 * @since 0.2.0
	 */
	public CompletableFuture<List<String>> exchangeAsync(String frame, Predicate<String> last) {
		return exchangeAsync(this.text.encode(frame), this.text.decoding(last)).thenApply(this.text::decode);
	}

	/**
	 * Send a frame without waiting for a reply (for servers that do not answer it), on the one
	 * pooled connection kept for such frames, besides {@code pool-size}: a frame the server sends
	 * back on it closes it. Sends wait for that connection in turn, within the reply timeout.
	 * @param frame the frame
	 * @throws TcpConnectException if the server cannot be reached
	 * @throws TcpReplyTimeoutException if no connection is free, or the frame cannot be written,
	 * within the reply timeout
	 * @throws TcpClientException if the frame cannot be sent
	 */
	public void send(byte[] frame) {
		this.lifecycle.checkAccepting();
		this.exchanges.send(frame, System.nanoTime() + this.settings.replyTimeout().toNanos());
	}

	/**
	 * Send a text frame (in the client's charset) without waiting for a reply.
	 * @param frame the frame
	 * @see #send(byte[])
	 */
	public void send(String frame) {
		send(this.text.encode(frame));
	}

	private List<byte[]> observed(byte[] frame, Predicate<byte[]> last, long started, Duration timeout) {
		Throwable failure = null;
		try {
			return this.exchanges.exchange(frame, last, started + timeout.toNanos(), timeout);
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			this.connectionRegistry.requestEnded(started, failure);
		}
	}

	/**
	 * Stop taking new requests; those already sent or queued go on.
	 */
	void beginDrain() {
		this.lifecycle.beginDrain();
	}

	/**
	 * Return how many requests hold a connection or wait in the asynchronous queue.
	 */
	int getPendingRequests() {
		return this.pool.busy() + this.async.pending();
	}

	/**
	 * Start the client's timer, threads and connection factory.
	 */
	void start() {
		this.lifecycle.start();
	}

	/**
	 * Close every connection, end the threads and fail the requests still waiting. Does nothing
	 * when stopped already.
	 */
	void stop() {
		this.lifecycle.stop();
	}

}
