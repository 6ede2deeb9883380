package io.github.ipcboot.shm.actuate;

import java.util.Map;

import io.github.ipcboot.actuate.NamedComponentsHealthIndicator;
import io.github.ipcboot.shm.ShmChannel;
import io.github.ipcboot.shm.ShmChannelState;
import io.github.ipcboot.shm.ShmChannels;
import io.github.ipcboot.shm.ShmRole;
import io.github.ipcboot.shm.ShmServerChannel;

/**
 * Health of the shared-memory channels: {@code DOWN} when a channel's reader stopped on a corrupt
 * record, a server channel has no file, or a client channel has no live server; otherwise
 * {@code OUT_OF_SERVICE} while a server channel drains, else {@code UP} (a server waiting for its
 * client is up). The details hold, per channel: role, file, whether it is attached, whether the peer
 * lives, its pid and heartbeat age, ring use, and the corruption if any.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmChannelsHealthIndicator extends NamedComponentsHealthIndicator<ShmChannel> {

	/**
	 * Create a new instance.
	 * @param channels the channels
	 */
	public ShmChannelsHealthIndicator(ShmChannels channels) {
		super("Shared-memory channels health check failed", channels::names, channels::get);
	}

	@Override
	protected ComponentHealth check(String name, ShmChannel channel, Map<String, Object> details) {
		ShmChannelState state = channel.getState();
		boolean server = channel.getSettings().role() == ShmRole.SERVER;
		details.put("role", channel.getSettings().role().name().toLowerCase());
		details.put("file", channel.getSettings().file().toString());
		details.put("attached", state != null);
		details.put("peerAlive", channel.isPeerAlive());
		if (state != null) {
			details.put("peerPid", state.peerPid());
			details.put("peerHeartbeatAgeMillis", state.peerHeartbeatAgeMillis());
			details.put("inboundUsed", state.inboundUsed());
			details.put("outboundUsed", state.outboundUsed());
		}
		if (channel.getCorruption() != null) {
			details.put("corruption", channel.getCorruption().getMessage());
		}
		if (channel.getBroken() != null) {
			details.put("broken", channel.getBroken().getMessage());
		}
		boolean down = channel.getCorruption() != null || channel.getBroken() != null || state == null || (!server && !channel.isPeerAlive());
		return ComponentHealth.of(down, server && ((ShmServerChannel) channel).isDraining());
	}

}
