package io.github.ipcboot.tcp.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ipcboot.tcp.TcpClientAuth;
import io.github.ipcboot.tcp.TcpErrorAction;
import io.github.ipcboot.tcp.TcpIoMode;
import io.github.ipcboot.tcp.TcpShutdownAction;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for TCP servers.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
@ConfigurationProperties("ipc.tcp")
public class TcpProperties {

	/**
	 * Whether server connections are served by virtual threads (JDK 21 and later). When not set,
	 * follows spring.threads.virtual.enabled.
	 */
	private @Nullable Boolean virtualThreads;

	/**
	 * TCP servers by name; each gets a connection factory bean named
	 * '<name>TcpServerConnectionFactory'.
	 */
	private final Map<String, Server> servers = new LinkedHashMap<>();

	/**
	 * TCP clients by name; each gets a connection factory bean named
	 * '<name>TcpClientConnectionFactory' and a TcpClient from the TcpClients bean.
	 */
	private final Map<String, Client> clients = new LinkedHashMap<>();

	public @Nullable Boolean getVirtualThreads() {
		return this.virtualThreads;
	}

	public void setVirtualThreads(@Nullable Boolean virtualThreads) {
		this.virtualThreads = virtualThreads;
	}

	public Map<String, Server> getServers() {
		return this.servers;
	}

	public Map<String, Client> getClients() {
		return this.clients;
	}

	/**
	 * One TCP server.
	 */
	public static class Server extends FramingProperties {

		/**
		 * Port to listen on; 0 binds an ephemeral port.
		 */
		private @Nullable Integer port;

		/**
		 * Local address to bind, e.g. 127.0.0.1. All interfaces when not set.
		 */
		private @Nullable String address;

		/**
		 * Most connections served at once; further connections are accepted and closed at once.
		 */
		private int maxConnections = 10_000;

		/**
		 * Most incoming connections the operating system queues before the server accepts them.
		 */
		private int backlog = 128;

		/**
		 * I/O mode: net (blocking, a thread per connection; the default, measured fastest) or nio.
		 */
		private TcpIoMode ioMode = TcpIoMode.NET;

		public TcpIoMode getIoMode() {
			return this.ioMode;
		}

		public void setIoMode(TcpIoMode ioMode) {
			this.ioMode = ioMode;
		}

		/**
		 * How long a connection may stay silent before it is closed. 0 for no limit.
		 */
		private Duration idleTimeout = Duration.ofMinutes(5);

		/**
		 * Address ranges in CIDR notation (e.g. 10.0.0.0/8) that clients must come from; others are
		 * closed before a byte is read. Any client when empty.
		 */
		private List<String> allowedClients = new ArrayList<>();

		/**
		 * What to do with the connection when the listener throws.
		 */
		private TcpErrorAction onListenerError = TcpErrorAction.CLOSE;

		/**
		 * Frame sent after a listener failure when on-listener-error is 'reply' or
		 * 'reply-and-close'; {error} stands for the exception's simple class name.
		 */
		private String listenerErrorReply = "ERR {error}";

		/**
		 * What to do with the connection when a frame is longer than max-frame-size.
		 */
		private TcpErrorAction onFrameTooLarge = TcpErrorAction.CLOSE;

		/**
		 * Frame sent for an oversized frame when on-frame-too-large is 'reply' or
		 * 'reply-and-close'; {limit} stands for max-frame-size in bytes.
		 */
		private String frameTooLargeReply = "ERR FRAME_TOO_LARGE {limit}";

		/**
		 * What to do with a frame that arrives on an open connection while the server drains for
		 * a graceful shutdown: 'ignore' drops it, 'reply' answers it with shutdown-reply; either
		 * way the listener does not see it and the connection closes.
		 */
		private TcpShutdownAction onShutdown = TcpShutdownAction.IGNORE;

		/**
		 * Frame sent for a frame that arrives during a drain when on-shutdown is 'reply'.
		 */
		private String shutdownReply = "ERR SHUTTING_DOWN";

		/**
		 * TLS of the server.
		 */
		private final ServerSsl ssl = new ServerSsl();

		public ServerSsl getSsl() {
			return this.ssl;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public @Nullable String getAddress() {
			return this.address;
		}

		public void setAddress(@Nullable String address) {
			this.address = address;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		public int getBacklog() {
			return this.backlog;
		}

		public void setBacklog(int backlog) {
			this.backlog = backlog;
		}

		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		public List<String> getAllowedClients() {
			return this.allowedClients;
		}

		public void setAllowedClients(List<String> allowedClients) {
			this.allowedClients = allowedClients;
		}

		public TcpErrorAction getOnListenerError() {
			return this.onListenerError;
		}

		public void setOnListenerError(TcpErrorAction onListenerError) {
			this.onListenerError = onListenerError;
		}

		public String getListenerErrorReply() {
			return this.listenerErrorReply;
		}

		public void setListenerErrorReply(String listenerErrorReply) {
			this.listenerErrorReply = listenerErrorReply;
		}

		public TcpErrorAction getOnFrameTooLarge() {
			return this.onFrameTooLarge;
		}

		public void setOnFrameTooLarge(TcpErrorAction onFrameTooLarge) {
			this.onFrameTooLarge = onFrameTooLarge;
		}

		public String getFrameTooLargeReply() {
			return this.frameTooLargeReply;
		}

		public void setFrameTooLargeReply(String frameTooLargeReply) {
			this.frameTooLargeReply = frameTooLargeReply;
		}

		public TcpShutdownAction getOnShutdown() {
			return this.onShutdown;
		}

		public void setOnShutdown(TcpShutdownAction onShutdown) {
			this.onShutdown = onShutdown;
		}

		public String getShutdownReply() {
			return this.shutdownReply;
		}

		public void setShutdownReply(String shutdownReply) {
			this.shutdownReply = shutdownReply;
		}

	
	}

	/**
	 * One TCP client.
	 */
	public static class Client extends FramingProperties {

		/**
		 * Host name or address of the server.
		 */
		private @Nullable String host;

		/**
		 * Port of the server.
		 */
		private @Nullable Integer port;

		/**
		 * How long to wait for a connection to be established.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * How long to wait for the reply to a request, and for a free pooled connection.
		 */
		private Duration replyTimeout = Duration.ofSeconds(10);

		/**
		 * Most connections open to the server at once; each carries one request at a time.
		 */
		private int poolSize = 1;

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
		private final ClientSsl ssl = new ClientSsl();

		public ClientSsl getSsl() {
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

	}

	/**
	 * TLS settings of a server.
	 */
	public static class ServerSsl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) with the server's key and, for client
		 * authentication, the trusted client certificates. TLS is off when not set.
		 */
		private @Nullable String bundle;

		/**
		 * Whether clients must present a certificate: none, want or need (mutual TLS).
		 */
		private TcpClientAuth clientAuth = TcpClientAuth.NONE;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public TcpClientAuth getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(TcpClientAuth clientAuth) {
			this.clientAuth = clientAuth;
		}

	}

	/**
	 * TLS settings of a client.
	 */
	public static class ClientSsl {

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
