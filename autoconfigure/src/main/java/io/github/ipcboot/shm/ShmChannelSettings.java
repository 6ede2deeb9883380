package io.github.ipcboot.shm;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The settings of one channel, as configured under {@code ipc.shm.channels.<name>}.
 *
 * @param name the configured name
 * @param role the side this application takes
 * @param file the channel file
 * @param capacity the capacity of each ring in bytes, a power of two (the server's; a client takes
 * the file's)
 * @param maxMessageSize the largest message body accepted or sent
 * @param permissions the permissions the server gives the file
 * @param idle how the channel's threads wait
 * @param fullRingTimeout how long a sender waits for room in a full ring before it fails
 * @param requestTimeout how long a request waits for its reply unless the caller says otherwise
 * @param heartbeatInterval how often each side writes its heartbeat and checks its peer's
 * @param peerTimeout how old a peer's heartbeat may get before the peer counts as gone
 * @param charset the charset of messages sent or taken as String
 * @param serverUser the user a client expects to own the file, or {@code null} for its own
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public record ShmChannelSettings(String name, ShmRole role, Path file, int capacity, int maxMessageSize,
		Set<PosixFilePermission> permissions, ShmIdle idle, Duration fullRingTimeout, Duration requestTimeout,
		Duration heartbeatInterval, Duration peerTimeout, Charset charset, @Nullable String serverUser) {

	/**
	 * Create a new instance whose client expects a file of its own user.
	 * @param name the configured name
	 * @param role the side
	 * @param file the file
	 * @param capacity the ring capacity
	 * @param maxMessageSize the largest body
	 * @param permissions the file permissions
	 * @param idle the idle strategy
	 * @param fullRingTimeout the full-ring wait
	 * @param requestTimeout the default request timeout
	 * @param heartbeatInterval the heartbeat interval
	 * @param peerTimeout the peer timeout
	 * @param charset the charset
	 */
	public ShmChannelSettings(String name, ShmRole role, Path file, int capacity, int maxMessageSize,
			Set<PosixFilePermission> permissions, ShmIdle idle, Duration fullRingTimeout, Duration requestTimeout,
			Duration heartbeatInterval, Duration peerTimeout, Charset charset) {
		this(name, role, file, capacity, maxMessageSize, permissions, idle, fullRingTimeout, requestTimeout,
				heartbeatInterval, peerTimeout, charset, null);
	}

	/**
	 * Create a new instance, checking the numbers.
	 * @param name the configured name
	 * @param role the side
	 * @param file the file
	 * @param capacity the ring capacity
	 * @param maxMessageSize the largest body
	 * @param permissions the file permissions
	 * @param idle the idle strategy
	 * @param fullRingTimeout the full-ring wait
	 * @param requestTimeout the default request timeout
	 * @param heartbeatInterval the heartbeat interval
	 * @param peerTimeout the peer timeout
	 * @param charset the charset
	 * @param serverUser the expected owner of the file, for a client
	 */
	public ShmChannelSettings {
		if (!ShmLayout.isValidCapacity(capacity)) {
			throw new IllegalArgumentException("ipc.shm.channels." + name + ".capacity must be a power of two between "
					+ ShmLayout.MIN_CAPACITY + " and " + ShmLayout.MAX_CAPACITY + " bytes (got " + capacity + ")");
		}
		if (maxMessageSize < 1 || (role == ShmRole.SERVER && maxMessageSize > ShmLayout.maxBodyLength(capacity))) {
			throw new IllegalArgumentException("ipc.shm.channels." + name + ".max-message-size must be between 1 and "
					+ "capacity / 8 - 8 = " + ShmLayout.maxBodyLength(capacity) + " bytes (got " + maxMessageSize + ")");
		}
		if (peerTimeout.compareTo(heartbeatInterval.multipliedBy(2)) <= 0) {
			throw new IllegalArgumentException("ipc.shm.channels." + name + ".peer-timeout (" + peerTimeout.toMillis()
					+ " ms) must exceed twice the heartbeat-interval (" + heartbeatInterval.toMillis() + " ms)");
		}
	}

}
