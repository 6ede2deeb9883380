package io.github.ipcboot.tcp;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;

import io.github.ipcboot.framing.Framing;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to build one TCP server, usually bound from {@code ipc.tcp.servers.<name>}.
 *
 * @param name the server's name
 * @param address the local address to bind, or {@code null} for all interfaces
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
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public record TcpServerSettings(String name, @Nullable String address, int port, Framing framing, Charset charset,
		int maxConnections, int backlog, @Nullable Duration idleTimeout, List<CidrRange> allowedClients,
		ServerErrorPolicy errorPolicy, TcpIoMode ioMode, boolean virtualThreads, @Nullable TcpTls tls,
		TcpServerLimits limits) {

	/**
	 * Validate and copy the settings.
	 */
	public TcpServerSettings {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("Port of TCP server '" + name + "' must be 0-65535, got " + port);
		}
		allowedClients = List.copyOf(allowedClients);
	}

}
