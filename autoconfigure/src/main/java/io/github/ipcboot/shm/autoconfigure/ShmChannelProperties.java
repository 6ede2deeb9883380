package io.github.ipcboot.shm.autoconfigure;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.ipcboot.shm.ShmRole;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * Properties of one shared-memory channel ({@code ipc.shm.channels.<name>.*}).
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmChannelProperties {

	/**
	 * Side this application takes: the server creates and owns the file and answers with its @ShmListener, the client attaches and sends.
	 */
	private ShmRole role = ShmRole.SERVER;

	/**
	 * Path of the channel file; by default '<name>.ipc-shm' under /dev/shm when it exists, else under the temporary directory.
	 */
	private @Nullable String file;

	/**
	 * Size of each of the two rings (requests, replies); a power of two between 1KB and 256MB, set by the server.
	 */
	private DataSize capacity = DataSize.ofMegabytes(1);

	/**
	 * Largest message body sent or accepted; at most an eighth of the capacity less 8 bytes.
	 */
	private DataSize maxMessageSize = DataSize.ofKilobytes(64);

	/**
	 * Permissions the server gives the file, in 'ls -l' form.
	 */
	private String permissions = "rw-------";

	/**
	 * User a client expects to own the server's file; by default the client's own user.
	 */
	private @Nullable String serverUser;

	/**
	 * How long a sender waits for room in a full ring before it fails with ShmRingFullException.
	 */
	private Duration fullRingTimeout = Duration.ofSeconds(1);

	/**
	 * How long a request waits for its reply unless the call says otherwise.
	 */
	private Duration requestTimeout = Duration.ofSeconds(5);

	/**
	 * How often each side writes its heartbeat into the file and checks its peer's.
	 */
	private Duration heartbeatInterval = Duration.ofSeconds(1);

	/**
	 * How old the peer's heartbeat may get before the peer counts as gone.
	 */
	private Duration peerTimeout = Duration.ofSeconds(10);

	/**
	 * Charset of messages sent or taken as String.
	 */
	private Charset charset = StandardCharsets.UTF_8;

	private final Idle idle = new Idle();

	public ShmRole getRole() {
		return this.role;
	}

	public void setRole(ShmRole role) {
		this.role = role;
	}

	public @Nullable String getFile() {
		return this.file;
	}

	public void setFile(@Nullable String file) {
		this.file = file;
	}

	public DataSize getCapacity() {
		return this.capacity;
	}

	public void setCapacity(DataSize capacity) {
		this.capacity = capacity;
	}

	public DataSize getMaxMessageSize() {
		return this.maxMessageSize;
	}

	public void setMaxMessageSize(DataSize maxMessageSize) {
		this.maxMessageSize = maxMessageSize;
	}

	public String getPermissions() {
		return this.permissions;
	}

	public void setPermissions(String permissions) {
		this.permissions = permissions;
	}

	public @Nullable String getServerUser() {
		return this.serverUser;
	}

	public void setServerUser(@Nullable String serverUser) {
		this.serverUser = serverUser;
	}

	public Duration getFullRingTimeout() {
		return this.fullRingTimeout;
	}

	public void setFullRingTimeout(Duration fullRingTimeout) {
		this.fullRingTimeout = fullRingTimeout;
	}

	public Duration getRequestTimeout() {
		return this.requestTimeout;
	}

	public void setRequestTimeout(Duration requestTimeout) {
		this.requestTimeout = requestTimeout;
	}

	public Duration getHeartbeatInterval() {
		return this.heartbeatInterval;
	}

	public void setHeartbeatInterval(Duration heartbeatInterval) {
		this.heartbeatInterval = heartbeatInterval;
	}

	public Duration getPeerTimeout() {
		return this.peerTimeout;
	}

	public void setPeerTimeout(Duration peerTimeout) {
		this.peerTimeout = peerTimeout;
	}

	public Charset getCharset() {
		return this.charset;
	}

	public void setCharset(Charset charset) {
		this.charset = charset;
	}

	public Idle getIdle() {
		return this.idle;
	}

	/**
	 * How the channel's threads wait for work: spin, then yield, then park for growing periods.
	 */
	public static class Idle {

		/**
		 * Whether to spin only, never yield or park: the shortest latency, and a whole core per waiting thread.
		 */
		private boolean busySpin;

		/**
		 * Spins (busy loops, a core at 100%) before yielding.
		 */
		private long spins = 100;

		/**
		 * Thread yields before parking.
		 */
		private long yields = 100;

		/**
		 * Longest park of an idle thread; bounds the latency an idle channel adds, and its CPU use when nothing happens.
		 */
		private Duration maxPark = Duration.ofMillis(1);

		public boolean isBusySpin() {
			return this.busySpin;
		}

		public void setBusySpin(boolean busySpin) {
			this.busySpin = busySpin;
		}

		public long getSpins() {
			return this.spins;
		}

		public void setSpins(long spins) {
			this.spins = spins;
		}

		public long getYields() {
			return this.yields;
		}

		public void setYields(long yields) {
			this.yields = yields;
		}

		public Duration getMaxPark() {
			return this.maxPark;
		}

		public void setMaxPark(Duration maxPark) {
			this.maxPark = maxPark;
		}

	}

}
