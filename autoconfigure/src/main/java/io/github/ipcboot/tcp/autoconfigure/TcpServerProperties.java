package io.github.ipcboot.tcp.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.ipcboot.tcp.TcpClientAuth;
import io.github.ipcboot.tcp.TcpErrorAction;
import io.github.ipcboot.tcp.TcpIoMode;
import io.github.ipcboot.tcp.TcpShutdownAction;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

/**
 * Properties of one TCP server ({@code ipc.tcp.servers.<name>.*}).
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class TcpServerProperties extends FramingProperties {

	/**
	 * Port to listen on; 0 binds an ephemeral port. Not used with a unix: address.
	 */
	private @Nullable Integer port;

	/**
	 * Local address to bind: an IP address, e.g. 127.0.0.1 or ::1, a host name, or unix:<path>
	 * for a Unix domain socket. All interfaces when not set.
	 */
	private @Nullable String address;

	/**
	 * Most connections served at once; further connections are accepted and closed at once.
	 * 10000 when connections are served by virtual threads, else 1000 (a platform thread each).
	 */
	private @Nullable Integer maxConnections;

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
	 * How long a reply may make no progress before its connection is closed (a client that does
	 * not read); when set, accepted sockets get a 64 KiB send buffer, so a client that reads at
	 * least 64 KiB per timeout is never cut off. 0 for no limit.
	 */
	private Duration writeTimeout = Duration.ofSeconds(30);

	/**
	 * How long a frame may take to arrive once its first byte has; a connection whose frame is
	 * not complete in time is closed. Not applied to eof framing. 0 for no limit.
	 */
	private Duration frameTimeout = Duration.ofSeconds(60);

	/**
	 * How long a TLS handshake may take before the connection is closed; must be positive.
	 */
	private Duration handshakeTimeout = Duration.ofSeconds(10);

	/**
	 * Most connections served at once from one remote address (exact address); further ones are
	 * closed before a byte is read. 0 for no limit.
	 */
	private int maxConnectionsPerClient;

	/**
	 * Most bytes read from one connection but not yet handled (nio connections on Spring
	 * Integration's read path: TLS, flows, interceptors, eof framing); the server stops reading
	 * that connection while they wait, so TCP holds the client back. Twice max-frame-size when not
	 * set; raised to max-frame-size plus 1KB when lower.
	 */
	private @Nullable DataSize maxPendingBytes;

	/**
	 * Address ranges in CIDR notation (e.g. 10.0.0.0/8, fd00::/8) or single addresses that clients
	 * must come from; others are closed before a byte is read. IPv4 needs four decimal octets, no
	 * host names, and no bits set after the prefix. Any client when empty.
	 */
	private List<String> allowedClients = new ArrayList<>();

	/**
	 * Mode of the socket file of a unix: address as ls -l shows it, e.g. rw-rw----; as the umask
	 * makes it when not set.
	 */
	private @Nullable String socketPermissions;

	/**
	 * User names or uids the peers of a unix: address may run as, resolved at start-up and compared
	 * by uid before a byte is read; a peer is served when its user or its group is allowed.
	 */
	private List<String> allowedUsers = new ArrayList<>();

	/**
	 * Group names or gids the peers of a unix: address may run as (their primary group), resolved
	 * at start-up and compared by gid before a byte is read.
	 */
	private List<String> allowedGroups = new ArrayList<>();

	/**
	 * What to do with the connection when the listener throws: close, reply or reply-and-close.
	 */
	private TcpErrorAction onListenerError = TcpErrorAction.CLOSE;

	/**
	 * Frame sent after a listener failure when on-listener-error is 'reply' or
	 * 'reply-and-close'; {error} stands for the exception's simple class name.
	 */
	private String listenerErrorReply = "ERR {error}";

	/**
	 * What to do with the connection when a frame is longer than max-frame-size: close, reply or
	 * reply-and-close.
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
	private final Ssl ssl = new Ssl();

	public Ssl getSsl() {
		return this.ssl;
	}

	/**
	 * PROXY protocol of a server behind a load balancer.
	 */
	@NestedConfigurationProperty
	private final TcpServerProxyProtocolProperties proxyProtocol = new TcpServerProxyProtocolProperties();

	public TcpServerProxyProtocolProperties getProxyProtocol() {
		return this.proxyProtocol;
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

	public @Nullable Integer getMaxConnections() {
		return this.maxConnections;
	}

	public void setMaxConnections(@Nullable Integer maxConnections) {
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

	public @Nullable String getSocketPermissions() {
		return this.socketPermissions;
	}

	public void setSocketPermissions(@Nullable String socketPermissions) {
		this.socketPermissions = socketPermissions;
	}

	public List<String> getAllowedUsers() {
		return this.allowedUsers;
	}

	public void setAllowedUsers(List<String> allowedUsers) {
		this.allowedUsers = allowedUsers;
	}

	public List<String> getAllowedGroups() {
		return this.allowedGroups;
	}

	public void setAllowedGroups(List<String> allowedGroups) {
		this.allowedGroups = allowedGroups;
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

	public Duration getWriteTimeout() {
		return this.writeTimeout;
	}

	public void setWriteTimeout(Duration writeTimeout) {
		this.writeTimeout = writeTimeout;
	}

	public Duration getFrameTimeout() {
		return this.frameTimeout;
	}

	public void setFrameTimeout(Duration frameTimeout) {
		this.frameTimeout = frameTimeout;
	}

	public Duration getHandshakeTimeout() {
		return this.handshakeTimeout;
	}

	public void setHandshakeTimeout(Duration handshakeTimeout) {
		this.handshakeTimeout = handshakeTimeout;
	}

	public int getMaxConnectionsPerClient() {
		return this.maxConnectionsPerClient;
	}

	public void setMaxConnectionsPerClient(int maxConnectionsPerClient) {
		this.maxConnectionsPerClient = maxConnectionsPerClient;
	}

	public @Nullable DataSize getMaxPendingBytes() {
		return this.maxPendingBytes;
	}

	public void setMaxPendingBytes(@Nullable DataSize maxPendingBytes) {
		this.maxPendingBytes = maxPendingBytes;
	}

	/**
	 * TLS of a server.
	 */
	public static class Ssl {

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

}
