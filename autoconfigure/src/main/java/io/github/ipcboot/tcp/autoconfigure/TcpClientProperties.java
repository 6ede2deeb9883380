package io.github.ipcboot.tcp.autoconfigure;

import java.time.Duration;

import io.github.ipcboot.tcp.TcpIoMode;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Properties of one TCP client ({@code ipc.tcp.clients.<name>.*}).
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class TcpClientProperties extends FramingProperties {

	/** The default max-reply-size in frames of max-frame-size (1 MiB at the default 64KB). */
	static final int DEFAULT_MAX_REPLY_FRAME_SIZES = 16;

	/**
	 * Host name or address of the server, or unix:<path> for a Unix domain socket (then no port).
	 */
	private @Nullable String host;

	/**
	 * Port of the server; not used with a unix: host.
	 */
	private @Nullable Integer port;

	/**
	 * How long to wait for a connection to be established, and again for its TLS handshake.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * How long a request may take from the call to its complete reply: waiting for a free
	 * pooled connection, writing the request and waiting for the reply.
	 */
	private Duration replyTimeout = Duration.ofSeconds(10);

	/**
	 * Most connections open to the server at once; each carries one request at a time.
	 */
	private int poolSize = 1;

	/**
	 * How long a pooled connection may stay unused before it is closed. 0 to keep it until the
	 * server closes it.
	 */
	private Duration poolIdleTimeout = Duration.ofSeconds(60);

	/**
	 * Most frames the reply to one multi-frame exchange may have; the request fails and its
	 * connection closes beyond.
	 */
	private int maxReplyFrames = 1000;

	/**
	 * Most bytes the frames of one reply may have together; the request fails and its
	 * connection closes beyond. Defaults to 16 times max-frame-size.
	 */
	private @Nullable DataSize maxReplySize;

	/**
	 * Whether the server sends a frame (a greeting) on every new connection before any request;
	 * the client then waits for it, within the connect timeout, and discards it (not possible with TLS and io-mode nio).
	 */
	private boolean greeting;

	public boolean isGreeting() {
		return this.greeting;
	}

	public void setGreeting(boolean greeting) {
		this.greeting = greeting;
	}

	public @Nullable DataSize getMaxReplySize() {
		return this.maxReplySize;
	}

	public void setMaxReplySize(@Nullable DataSize maxReplySize) {
		this.maxReplySize = maxReplySize;
	}

	/**
	 * Return the byte limit of one reply: max-reply-size, or 16 x the frame limit when not set.
	 * @param maxFrameSize the frame limit in effect
	 * @return the limit in bytes
	 */
	long maxReplyBytes(int maxFrameSize) {
		DataSize size = this.maxReplySize;
		return (size != null) ? size.toBytes() : DEFAULT_MAX_REPLY_FRAME_SIZES * (long) maxFrameSize;
	}

	public int getMaxReplyFrames() {
		return this.maxReplyFrames;
	}

	public void setMaxReplyFrames(int maxReplyFrames) {
		this.maxReplyFrames = maxReplyFrames;
	}

	public Duration getPoolIdleTimeout() {
		return this.poolIdleTimeout;
	}

	public void setPoolIdleTimeout(Duration poolIdleTimeout) {
		this.poolIdleTimeout = poolIdleTimeout;
	}

	/**
	 * I/O mode: net (blocking, the default) or nio.
	 */
	private TcpIoMode ioMode = TcpIoMode.NET;

	public TcpIoMode getIoMode() {
		return this.ioMode;
	}

	public void setIoMode(TcpIoMode ioMode) {
		this.ioMode = ioMode;
	}

	/**
	 * TLS of the client.
	 */
	private final Ssl ssl = new Ssl();

	public Ssl getSsl() {
		return this.ssl;
	}

	public @Nullable String getHost() {
		return this.host;
	}

	public void setHost(@Nullable String host) {
		this.host = host;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getReplyTimeout() {
		return this.replyTimeout;
	}

	public void setReplyTimeout(Duration replyTimeout) {
		this.replyTimeout = replyTimeout;
	}

	public int getPoolSize() {
		return this.poolSize;
	}

	public void setPoolSize(int poolSize) {
		this.poolSize = poolSize;
	}

	/**
	 * TLS of a client.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) with the trusted server certificates and,
		 * for mutual TLS, the client's key. TLS is off when not set.
		 */
		private @Nullable String bundle;

		/**
		 * Whether the server's certificate must match the host name or address connected to.
		 */
		private boolean verifyHostname = true;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public boolean isVerifyHostname() {
			return this.verifyHostname;
		}

		public void setVerifyHostname(boolean verifyHostname) {
			this.verifyHostname = verifyHostname;
		}

	}

}
