package io.github.ipcboot.shm;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counts of one channel since start-up, read by its meters and the Actuator endpoint.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public final class ShmStats {

	private final LongAdder received = new LongAdder();

	private final LongAdder receivedBytes = new LongAdder();

	private final LongAdder sent = new LongAdder();

	private final LongAdder sentBytes = new LongAdder();

	private final LongAdder fullRingWaits = new LongAdder();

	private final LongAdder fullRingFailures = new LongAdder();

	private final LongAdder corruptRecords = new LongAdder();

	private final LongAdder listenerErrors = new LongAdder();

	private final LongAdder requestTimeouts = new LongAdder();

	private final LongAdder peerLosses = new LongAdder();

	void received(int bytes) {
		this.received.increment();
		this.receivedBytes.add(bytes);
	}

	void sent(int bytes) {
		this.sent.increment();
		this.sentBytes.add(bytes);
	}

	void fullRingWait() {
		this.fullRingWaits.increment();
	}

	void fullRingFailure() {
		this.fullRingFailures.increment();
	}

	void corruptRecord() {
		this.corruptRecords.increment();
	}

	void listenerError() {
		this.listenerErrors.increment();
	}

	void requestTimeout() {
		this.requestTimeouts.increment();
	}

	void peerLost() {
		this.peerLosses.increment();
	}

	/** @return the messages read from the inbound ring */
	public long getReceived() {
		return this.received.sum();
	}

	/** @return the body bytes read from the inbound ring */
	public long getReceivedBytes() {
		return this.receivedBytes.sum();
	}

	/** @return the messages written to the outbound ring */
	public long getSent() {
		return this.sent.sum();
	}

	/** @return the body bytes written to the outbound ring */
	public long getSentBytes() {
		return this.sentBytes.sum();
	}

	/** @return the messages that found the outbound ring full and waited */
	public long getFullRingWaits() {
		return this.fullRingWaits.sum();
	}

	/** @return the messages refused after waiting {@code full-ring-timeout} for room */
	public long getFullRingFailures() {
		return this.fullRingFailures.sum();
	}

	/** @return the times the inbound ring held a record that failed a check */
	public long getCorruptRecords() {
		return this.corruptRecords.sum();
	}

	/** @return the listener calls that threw */
	public long getListenerErrors() {
		return this.listenerErrors.sum();
	}

	/** @return the requests that got no reply in time */
	public long getRequestTimeouts() {
		return this.requestTimeouts.sum();
	}

	/** @return the times the peer was found gone */
	public long getPeerLosses() {
		return this.peerLosses.sum();
	}

}
