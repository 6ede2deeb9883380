package io.github.ipcboot.shm;

import java.util.concurrent.atomic.LongAdder;

import io.github.ipcboot.support.MessageStats;

/**
 * The counts of one channel since start-up, read by its meters and the Actuator endpoint.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public final class ShmStats extends MessageStats {

	private final LongAdder fullRingWaits = new LongAdder();

	private final LongAdder fullRingFailures = new LongAdder();

	private final LongAdder corruptRecords = new LongAdder();

	private final LongAdder brokenMappings = new LongAdder();

	private final LongAdder requestTimeouts = new LongAdder();

	private final LongAdder peerLosses = new LongAdder();

	void received(int bytes) {
		countReceived(bytes);
	}

	void fullRingWait() {
		this.fullRingWaits.increment();
	}

	void sent(int bytes) {
		countSent(bytes);
	}

	void fullRingFailure() {
		this.fullRingFailures.increment();
	}

	void brokenMapping() {
		this.brokenMappings.increment();
	}

	void corruptRecord() {
		this.corruptRecords.increment();
	}

	void listenerError() {
		countListenerError();
	}

	void requestTimeout() {
		this.requestTimeouts.increment();
	}

	void peerLost() {
		this.peerLosses.increment();
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
	/** @return the mappings given up because their file was truncated under them */
	public long getBrokenMappings() {
		return this.brokenMappings.sum();
	}

	public long getCorruptRecords() {
		return this.corruptRecords.sum();
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
