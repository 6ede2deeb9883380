package io.github.ipcboot.tcp;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import io.github.ipcboot.framing.Framing;
import io.github.ipcboot.tcp.unix.UnixSocketAddresses;
import io.github.ipcboot.tcp.unix.UnixSocketOptions;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to build one TCP server, usually bound from {@code ipc.tcp.servers.<name>}.
 *
 * @param name the server's name
 * @param address the local address to bind, an IP address or a host name, {@code unix:<path>} for
 * a Unix domain socket, or {@code null} for all interfaces
 * @param port the port to bind; 0 for an ephemeral port
 * @param framing how the byte stream is cut into frames
 * @param charset the charset of {@code String} frames
 * @param maxConnections the most connections served at once; more are accepted and closed at once
 * @param backlog the most incoming connections the operating system queues before they are accepted
 * @param idleTimeout how long a connection may stay silent before it is closed, or {@code null} for
 * no limit
 * @param allowedClients the address ranges clients must come from; empty for any client
 * @param errorPolicy how listener failures and oversized frames are answered
 * @param ioMode blocking or NIO
 * @param virtualThreads whether connections are served by virtual threads (JDK 21+)
 * @param tls the TLS settings, or {@code null} for plain TCP
 * @param limits the timeouts and budgets that bound what one connection or client may hold
 * @param unix the socket file mode and allowed peers of a server whose address is
 * {@code unix:<path>}; {@link UnixSocketOptions#NONE} for any other
 * @param proxyProtocol the PROXY protocol settings of a server behind a load balancer, or
 * {@code null} when clients connect directly
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public record TcpServerSettings(String name, @Nullable String address, int port, Framing framing, Charset charset,
		int maxConnections, int backlog, @Nullable Duration idleTimeout, List<CidrRange> allowedClients,
		ServerErrorPolicy errorPolicy, TcpIoMode ioMode, boolean virtualThreads, @Nullable TcpTls tls,
		TcpServerLimits limits, UnixSocketOptions unix, @Nullable TcpProxyProtocol proxyProtocol) {

	/** A label of a host name: letters, digits and inner hyphens (RFC 1123). */
	private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

	/** Dot-separated labels, 253 characters at most. */
	private static final Pattern HOST_NAME = Pattern.compile("(?=.{1,253}$)" + LABEL + "(\\." + LABEL + ")*\\.?");

	/**
	 * Validate and copy the settings.
	 */
	public TcpServerSettings {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Port of TCP server '" + name + "' must be 0-65535, got " + port);
		}
		if (UnixSocketAddresses.isUnix(address)) {
			UnixSocketAddresses.path(address);
			checkUnix(name, tls, allowedClients, limits);
			if (proxyProtocol != null) {
				throw new IllegalArgumentException("server '" + name + "' listens on a Unix domain socket: "
						+ "proxy-protocol applies only to a server that listens on a TCP port");
			}
		}
		else {
			if (address != null) {
				checkAddress(address);
			}
			if (!unix.isEmpty()) {
				throw new IllegalArgumentException("socket-permissions, allowed-users and allowed-groups apply only to "
						+ "a server whose address is unix:<path>");
			}
		}
		allowedClients = List.copyOf(allowedClients);
	}

	/**
	 * Create settings of a server that clients connect to directly (no PROXY protocol).
	 * @param name the server's name
	 * @param address the local address to bind, {@code unix:<path>}, or {@code null} for all
	 * interfaces
	 * @param port the port to bind; 0 for an ephemeral port
	 * @param framing how the byte stream is cut into frames
	 * @param charset the charset of {@code String} frames
	 * @param maxConnections the most connections served at once
	 * @param backlog the most incoming connections queued before they are accepted
	 * @param idleTimeout how long a connection may stay silent, or {@code null} for no limit
	 * @param allowedClients the address ranges clients must come from; empty for any client
	 * @param errorPolicy how listener failures and oversized frames are answered
	 * @param ioMode blocking or NIO
	 * @param virtualThreads whether connections are served by virtual threads (JDK 21+)
	 * @param tls the TLS settings, or {@code null} for plain TCP
	 * @param limits the timeouts and budgets of one connection or client
	 * @param unix the socket file mode and allowed peers of a Unix domain socket server
	 */
	public TcpServerSettings(String name, @Nullable String address, int port, Framing framing, Charset charset,
			int maxConnections, int backlog, @Nullable Duration idleTimeout, List<CidrRange> allowedClients,
			ServerErrorPolicy errorPolicy, TcpIoMode ioMode, boolean virtualThreads, @Nullable TcpTls tls,
			TcpServerLimits limits, UnixSocketOptions unix) {
		this(name, address, port, framing, charset, maxConnections, backlog, idleTimeout, allowedClients, errorPolicy,
				ioMode, virtualThreads, tls, limits, unix, null);
	}

	/**
	 * Create settings without Unix domain socket options.
	 * @param name the server's name
	 * @param address the local address to bind, or {@code null} for all interfaces
	 * @param port the port to bind; 0 for an ephemeral port
	 * @param framing how the byte stream is cut into frames
	 * @param charset the charset of {@code String} frames
	 * @param maxConnections the most connections served at once
	 * @param backlog the most incoming connections queued before they are accepted
	 * @param idleTimeout how long a connection may stay silent, or {@code null} for no limit
	 * @param allowedClients the address ranges clients must come from; empty for any client
	 * @param errorPolicy how listener failures and oversized frames are answered
	 * @param ioMode blocking or NIO
	 * @param virtualThreads whether connections are served by virtual threads (JDK 21+)
	 * @param tls the TLS settings, or {@code null} for plain TCP
	 * @param limits the timeouts and budgets of one connection or client
	 */
	public TcpServerSettings(String name, @Nullable String address, int port, Framing framing, Charset charset,
			int maxConnections, int backlog, @Nullable Duration idleTimeout, List<CidrRange> allowedClients,
			ServerErrorPolicy errorPolicy, TcpIoMode ioMode, boolean virtualThreads, @Nullable TcpTls tls,
			TcpServerLimits limits) {
		this(name, address, port, framing, charset, maxConnections, backlog, idleTimeout, allowedClients, errorPolicy,
				ioMode, virtualThreads, tls, limits, UnixSocketOptions.NONE);
	}

	/**
	 * Return whether the server listens on a Unix domain socket.
	 * @return whether its address is {@code unix:<path>}
	 */
	public boolean isUnix() {
		return UnixSocketAddresses.isUnix(this.address);
	}

	/**
	 * What a Unix domain socket cannot have: its peers have no address and no certificate (they
	 * are known by their credentials, allowed-users and allowed-groups, instead).
	 */
	private static void checkUnix(String name, @Nullable TcpTls tls, List<CidrRange> allowedClients,
			TcpServerLimits limits) {
		if (tls != null) {
			throw new IllegalArgumentException("server '" + name + "' listens on a Unix domain socket, which takes no "
					+ "TLS (ssl.bundle); its peers are on this host, allowed by allowed-users and allowed-groups");
		}
		if (!allowedClients.isEmpty()) {
			throw new IllegalArgumentException("server '" + name + "' listens on a Unix domain socket, whose peers have "
					+ "no address: use allowed-users or allowed-groups instead of allowed-clients");
		}
		if (limits.maxConnectionsPerClient() != 0) {
			throw new IllegalArgumentException("server '" + name + "' listens on a Unix domain socket, whose peers have "
					+ "no address: max-connections-per-client does not apply");
		}
	}

	/**
	 * An address is an IP address literal, read strictly ({@code 999.1.1.1} is refused, not looked
	 * up), or the syntax of a host name; whether a name resolves, and whether the address is one of
	 * this host's, shows when the server starts.
	 */
	private static void checkAddress(String address) {
		if (address.isBlank()) {
			throw new IllegalArgumentException(
					"address '" + address + "' is blank; leave it out to listen on all interfaces");
		}
		try {
			if (IpAddressLiteral.looksLikeLiteral(address)) {
				IpAddressLiteral.parse(address);
				return;
			}
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("address '" + address + "' is not an IP address: " + ex.getMessage(),
					ex);
		}
		if (!HOST_NAME.matcher(address).matches()) {
			throw new IllegalArgumentException("address '" + address
					+ "' is neither an IP address (a.b.c.d or IPv6) nor a host name");
		}
	}

}
