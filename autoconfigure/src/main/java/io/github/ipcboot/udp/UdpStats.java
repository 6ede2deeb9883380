package io.github.ipcboot.udp;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.github.ipcboot.support.MessageStats;

/**
 * The running counts of one UDP endpoint or client: datagrams and bytes received and sent,
 * datagrams dropped by reason, listener errors. Meters read them; so do health and the endpoint.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public final class UdpStats extends MessageStats {

	private final Map<UdpDropReason, LongAdder> dropped = new EnumMap<>(UdpDropReason.class);

	UdpStats() {
		for (UdpDropReason reason : UdpDropReason.values()) {
			this.dropped.put(reason, new LongAdder());
		}
	}

	void received(int bytes) {
		countReceived(bytes);
	}

	void dropped(UdpDropReason reason) {
		this.dropped.get(reason).increment();
	}

	void sent(int bytes) {
		countSent(bytes);
	}

	void listenerFailed() {
		countListenerError();
	}

	/**
	 * Return the datagrams dropped for one reason.
	 * @param reason the reason
	 * @return the count
	 */
	public long getDropped(UdpDropReason reason) {
		return this.dropped.get(reason).sum();
	}

}
