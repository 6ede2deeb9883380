package io.github.ipcboot.shm.actuate;

import java.util.function.ToDoubleFunction;

import io.github.ipcboot.actuate.FunctionCounters;
import io.github.ipcboot.shm.ShmChannel;
import io.github.ipcboot.shm.ShmChannelState;
import io.github.ipcboot.shm.ShmChannels;
import io.github.ipcboot.shm.ShmStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Registers the meters of every shared-memory channel (tags {@code name} and {@code role}):
 * {@code ipc.shm.messages.received} / {@code .sent} and {@code ipc.shm.data.received} /
 * {@code .sent} (bytes of message bodies), {@code ipc.shm.ring.full.waits} (messages that found
 * the outbound ring full) and {@code ipc.shm.ring.full.failures} (refused after
 * {@code full-ring-timeout}), {@code ipc.shm.records.corrupt}, {@code ipc.shm.mappings.broken}, {@code ipc.shm.listener.errors},
 * {@code ipc.shm.requests.timeouts}, {@code ipc.shm.peer.losses}; the gauges
 * {@code ipc.shm.ring.used} (bytes, with {@code ring} = inbound or outbound),
 * {@code ipc.shm.peer.alive} (0 or 1) and {@code ipc.shm.peer.heartbeat.age} (seconds, NaN
 * without a peer).
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public class ShmMetricsBinder implements SmartInitializingSingleton {

	private final MeterRegistry registry;

	private final ShmChannels channels;

	/**
	 * Create a new instance.
	 * @param registry the registry of the meters
	 * @param channels the channels
	 */
	public ShmMetricsBinder(MeterRegistry registry, ShmChannels channels) {
		this.registry = registry;
		this.channels = channels;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String name : this.channels.names()) {
			ShmChannel channel = this.channels.get(name);
			Tags tags = Tags.of("name", name, "role", channel.getSettings().role().name().toLowerCase());
			bind(channel.getStats(), tags);
			gauge("ipc.shm.ring.used", channel, (c) -> used(c.getState(), true), tags.and("ring", "inbound"),
					"Bytes written to the ring and not read yet", BaseUnits.BYTES);
			gauge("ipc.shm.ring.used", channel, (c) -> used(c.getState(), false), tags.and("ring", "outbound"),
					"Bytes written to the ring and not read yet", BaseUnits.BYTES);
			gauge("ipc.shm.peer.alive", channel, (c) -> c.isPeerAlive() ? 1 : 0, tags,
					"Whether the peer process lives and its heartbeat is fresh", null);
			gauge("ipc.shm.peer.heartbeat.age", channel, ShmMetricsBinder::heartbeatAge, tags,
					"Age of the peer's heartbeat", "seconds");
		}
	}

	private static double used(@Nullable ShmChannelState state, boolean inbound) {
		if (state == null) {
			return 0;
		}
		return inbound ? state.inboundUsed() : state.outboundUsed();
	}

	private static double heartbeatAge(ShmChannel channel) {
		ShmChannelState state = channel.getState();
		return (state == null || state.peerHeartbeatAgeMillis() < 0) ? Double.NaN
				: state.peerHeartbeatAgeMillis() / 1000.0;
	}

	private void bind(ShmStats stats, Tags tags) {
		FunctionCounters<ShmStats> counters = new FunctionCounters<>(this.registry, stats, tags);
		counters.count("ipc.shm.messages.received", ShmStats::getReceived, "Messages read");
		counters.count("ipc.shm.messages.sent", ShmStats::getSent, "Messages written");
		counters.countBytes("ipc.shm.data.received", ShmStats::getReceivedBytes, "Bytes of messages read");
		counters.countBytes("ipc.shm.data.sent", ShmStats::getSentBytes, "Bytes of messages written");
		counters.count("ipc.shm.ring.full.waits", ShmStats::getFullRingWaits,
				"Messages that found the outbound ring full and waited");
		counters.count("ipc.shm.ring.full.failures", ShmStats::getFullRingFailures,
				"Messages refused after waiting full-ring-timeout for room");
		counters.count("ipc.shm.records.corrupt", ShmStats::getCorruptRecords,
				"Inbound records that failed the reader's checks");
		counters.count("ipc.shm.mappings.broken", ShmStats::getBrokenMappings,
				"Mappings given up because their file was truncated under them");
		counters.count("ipc.shm.listener.errors", ShmStats::getListenerErrors, "Calls of the listener method that threw");
		counters.count("ipc.shm.requests.timeouts", ShmStats::getRequestTimeouts, "Requests without a reply in time");
		counters.count("ipc.shm.peer.losses", ShmStats::getPeerLosses, "Times the peer was found gone");
	}

	private void gauge(String meter, ShmChannel channel, ToDoubleFunction<ShmChannel> value, Tags tags,
			String description, @Nullable String baseUnit) {
		Gauge.builder(meter, channel, value).tags(tags).description(description).baseUnit(baseUnit).register(this.registry);
	}

}
