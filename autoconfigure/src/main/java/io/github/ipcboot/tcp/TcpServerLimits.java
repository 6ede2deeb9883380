package io.github.ipcboot.tcp;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The timeouts and budgets that bound what one connection, or one remote address, may hold of a
 * server: threads, slots and memory.
 *
 * @param writeTimeout how long a reply may make no progress before its connection is closed, or
 * {@code null} for no limit
 * @param frameTimeout how long a frame may take to arrive once its first byte has, or
 * {@code null} for no limit
 * @param handshakeTimeout how long a TLS handshake may take
 * @param maxConnectionsPerClient the most connections served at once from one remote address; 0
 * for no limit
 * @param maxPendingBytes the most bytes read from one NIO connection but not yet handled (raised
 * to the largest frame plus 1 KiB when lower); reading stops while they wait
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public record TcpServerLimits(@Nullable Duration writeTimeout, @Nullable Duration frameTimeout,
		Duration handshakeTimeout, int maxConnectionsPerClient, long maxPendingBytes) {

	/** Write timeout when none is configured. */
	public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

	/** Frame timeout when none is configured. */
	public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(60);

	/** TLS handshake timeout when none is configured. */
	public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

	/** How many largest frames may wait per connection when no byte budget is configured. */
	public static final int DEFAULT_PENDING_FRAMES = 2;

	/**
	 * Validate the limits.
	 */
	public TcpServerLimits {
		if (handshakeTimeout.isZero() || handshakeTimeout.isNegative()) {
			throw new IllegalArgumentException("handshake-timeout must be positive, got " + handshakeTimeout);
		}
		if (maxConnectionsPerClient < 0) {
			throw new IllegalArgumentException(
					"max-connections-per-client must be 0 (no limit) or more, got " + maxConnectionsPerClient);
		}
		if (maxPendingBytes < 1) {
			throw new IllegalArgumentException("max-pending-bytes must be positive, got " + maxPendingBytes);
		}
	}

	/**
	 * Return the default limits of a server whose frames are at most the given size.
	 * @param maxFrameSize the server's maximum frame size in bytes
	 * @return the limits
	 */
	public static TcpServerLimits defaults(int maxFrameSize) {
		return new TcpServerLimits(DEFAULT_WRITE_TIMEOUT, DEFAULT_FRAME_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT, 0,
				(long) DEFAULT_PENDING_FRAMES * maxFrameSize);
	}

}
