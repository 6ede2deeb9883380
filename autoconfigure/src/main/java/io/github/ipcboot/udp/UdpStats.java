package io.github.ipcboot.udp;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The running counts of one UDP endpoint or client: datagrams and bytes received and sent,
 * datagrams dropped by reason, listener errors. Meters read them; so do health and the endpoint.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public final class UdpStats {

	private final LongAdder received = new LongAdder();

	private final LongAdder receivedBytes = new LongAdder();

	private final LongAdder sent = new LongAdder();

	private final LongAdder sentBytes = new LongAdder();

	private final LongAdder listenerErrors = new LongAdder();

	private final Map<UdpDropReason, LongAdder> dropped = new EnumMap<>(UdpDropReason.class);

	UdpStats() {
		for (UdpDropReason reason : UdpDropReason.values()) {
			this.dropped.put(reason, new LongAdder());
		}
	}

	void received(int bytes) {
		this.received.increment();
		this.receivedBytes.add(bytes);
	}

	void sent(int bytes) {
		this.sent.increment();
		this.sentBytes.add(bytes);
	}

	void dropped(UdpDropReason reason) {
		this.dropped.get(reason).increment();
	}

	void listenerFailed() {
		this.listenerErrors.increment();
	}

	/**
	 * Return the datagrams received, dropped ones included.
	 * @return the count
	 */
	public long getReceived() {
		return this.received.sum();
	}

	/**
	 * Return the bytes of the datagrams received, dropped ones included (as far as read).
	 * @return the count
	 */
	public long getReceivedBytes() {
		return this.receivedBytes.sum();
	}

	/**
	 * Return the datagrams sent.
	 * @return the count
	 */
	public long getSent() {
		return this.sent.sum();
	}

	/**
	 * Return the bytes of the datagrams sent.
	 * @return the count
	 */
	public long getSentBytes() {
		return this.sentBytes.sum();
	}

	/**
	 * Return the datagrams dropped for one reason.
	 * @param reason the reason
	 * @return the count
	 */
	public long getDropped(UdpDropReason reason) {
		return this.dropped.get(reason).sum();
	}

	/**
	 * Return the calls of the listener method that threw.
	 * @return the count
	 */
	public long getListenerErrors() {
		return this.listenerErrors.sum();
	}

}
