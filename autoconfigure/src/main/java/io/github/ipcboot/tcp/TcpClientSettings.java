package io.github.ipcboot.tcp;

import java.nio.charset.Charset;
import java.time.Duration;

import io.github.ipcboot.framing.Framing;
import io.github.ipcboot.tcp.unix.UnixSocketAddresses;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to build one TCP client, usually bound from {@code ipc.tcp.clients.<name>}.
 *
 * @param name the client's name
 * @param host the server's host name or address, or {@code unix:<path>} for a Unix domain socket
 * @param port the server's port; ignored (0) for a Unix domain socket
 * @param framing how the byte stream is cut into frames
 * @param charset the charset of {@code String} frames
 * @param connectTimeout how long to wait for a connection, and again for its TLS handshake
 * @param replyTimeout how long a request may take from the call to its complete reply: waiting for
 * a free pooled connection, writing the request and waiting for the reply
 * @param poolSize the most connections open at once
 * @param ioMode blocking or NIO
 * @param virtualThreads whether the connections' reader threads are virtual (JDK 21+)
 * @param tls the TLS settings, or {@code null} for plain TCP
 * @param poolIdleTimeout how long a pooled connection may stay unused before it is closed, or
 * {@code null} to keep it until the server closes it
 * @param maxReplyFrames the most frames the reply to one {@link TcpClient#exchange exchange} may have
 * @param maxReplySize the most bytes the frames of one reply may have together (with those of
 * frames read but still waiting for their turn); the client's replies hold at most
 * {@code pool-size x max-reply-size} bytes of heap
 * @param greeting whether the server sends a frame (a greeting) on every new connection before
 * any request: the client waits for it, within the connect timeout, and discards it (not with
 * TLS and {@link TcpIoMode#NIO}, whose handshake starts with the first write: rejected)
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public record TcpClientSettings(String name, String host, int port, Framing framing, Charset charset,
		Duration connectTimeout, Duration replyTimeout, int poolSize, TcpIoMode ioMode, boolean virtualThreads, @Nullable TcpTls tls,
		@Nullable Duration poolIdleTimeout, int maxReplyFrames, long maxReplySize,
		boolean greeting) {

	/**
	 * Validate the settings.
	 */
	public TcpClientSettings {
		if (UnixSocketAddresses.isUnix(host)) {
			UnixSocketAddresses.path(host);
			if (tls != null) {
				throw new IllegalArgumentException("TCP client '" + name + "' connects to a Unix domain socket, which "
						+ "takes no TLS (ssl.bundle)");
			}
			port = 0;
		}
		else if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("Port of TCP client '" + name + "' must be 1-65535, got " + port);
		}
		if (maxReplyFrames < 1) {
			throw new IllegalArgumentException("max-reply-frames of TCP client '" + name + "' must be at least 1, got "
					+ maxReplyFrames);
		}
		if (maxReplySize < 1) {
			throw new IllegalArgumentException("max-reply-size of TCP client '" + name + "' must be at least 1 byte, got "
					+ maxReplySize);
		}
		if (poolSize < 1) {
			throw new IllegalArgumentException("pool-size of TCP client '" + name + "' must be at least 1, got "
					+ poolSize);
		}
		if (greeting && tls != null && ioMode == TcpIoMode.NIO) {
			// a NIO TLS connection starts its handshake with its first write, and a client that
			// waits for a greeting writes nothing before it
			throw new IllegalArgumentException("TCP client '" + name + "' cannot wait for a greeting over TLS with "
					+ "io-mode nio (the handshake starts with the first request): use io-mode net, or greeting false");
		}
	}

	/**
	 * Return whether the client connects to a Unix domain socket.
	 * @return whether its host is {@code unix:<path>}
	 */
	public boolean isUnix() {
		return UnixSocketAddresses.isUnix(this.host);
	}

}
