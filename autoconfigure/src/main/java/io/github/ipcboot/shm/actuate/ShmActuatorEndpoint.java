package io.github.ipcboot.shm.actuate;

import java.util.List;

import io.github.ipcboot.shm.ShmChannel;
import io.github.ipcboot.shm.ShmChannelSettings;
import io.github.ipcboot.shm.ShmChannelState;
import io.github.ipcboot.shm.ShmChannels;
import io.github.ipcboot.shm.ShmStats;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code shm} Actuator endpoint: the shared-memory channels with their settings, the state of
 * their files and their counts.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
@Endpoint(id = "shm")
public class ShmActuatorEndpoint {

	private final ShmChannels channels;

	/**
	 * Create a new instance.
	 * @param channels the channels
	 */
	public ShmActuatorEndpoint(ShmChannels channels) {
		this.channels = channels;
	}

	/**
	 * Describe the channels.
	 * @return the description
	 */
	@ReadOperation
	public ShmDescriptor shm() {
		return new ShmDescriptor(this.channels.names().stream().map((name) -> describe(this.channels.get(name))).toList());
	}

	private static ChannelDescriptor describe(ShmChannel channel) {
		ShmChannelSettings settings = channel.getSettings();
		ShmChannelState state = channel.getState();
		ShmStats stats = channel.getStats();
		return new ChannelDescriptor(channel.getName(), settings.role().name().toLowerCase(), settings.file().toString(),
				settings.capacity(), settings.maxMessageSize(), settings.idle().busySpin(), channel.isRunning(),
				state != null, channel.isPeerAlive(), state,
				(channel.getCorruption() != null) ? channel.getCorruption().getMessage() : null,
				new Counts(stats.getReceived(), stats.getReceivedBytes(), stats.getSent(), stats.getSentBytes(),
						stats.getFullRingWaits(), stats.getFullRingFailures(), stats.getCorruptRecords(),
						stats.getListenerErrors(), stats.getRequestTimeouts(), stats.getPeerLosses()));
	}

	/**
	 * The channels.
	 *
	 * @param channels the channels, in configuration order
	 */
	public record ShmDescriptor(List<ChannelDescriptor> channels) implements OperationResponseBody {

	}

	/**
	 * One channel.
	 *
	 * @param name the configured name
	 * @param role server or client
	 * @param file the channel file
	 * @param capacity the configured capacity of each ring
	 * @param maxMessageSize the largest message body
	 * @param busySpin whether its threads spin only
	 * @param running whether its reader thread runs
	 * @param attached whether the file is mapped
	 * @param peerAlive whether the peer lived at the last check
	 * @param state the state of the mapped file, or {@code null}
	 * @param corruption why reading stopped, or {@code null}
	 * @param counts the counts since start-up
	 */
	public record ChannelDescriptor(String name, String role, String file, int capacity, int maxMessageSize,
			boolean busySpin, boolean running, boolean attached, boolean peerAlive, @Nullable ShmChannelState state,
			@Nullable String corruption, Counts counts) {

	}

	/**
	 * The counts of a channel.
	 *
	 * @param received the messages read
	 * @param receivedBytes the body bytes read
	 * @param sent the messages written
	 * @param sentBytes the body bytes written
	 * @param fullRingWaits the messages that waited for room
	 * @param fullRingFailures the messages refused for want of room
	 * @param corruptRecords the records that failed the reader's checks
	 * @param listenerErrors the listener calls that threw
	 * @param requestTimeouts the requests without a reply in time
	 * @param peerLosses the times the peer was found gone
	 */
	public record Counts(long received, long receivedBytes, long sent, long sentBytes, long fullRingWaits,
			long fullRingFailures, long corruptRecords, long listenerErrors, long requestTimeouts, long peerLosses) {

	}

}
