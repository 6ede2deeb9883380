package io.github.ipcboot.support;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counts every message transport keeps since start-up: messages received and sent, their
 * bytes, and the listener calls that threw. A transport's stats add the counts of their own.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public abstract class MessageStats {

	private final LongAdder received = new LongAdder();

	private final LongAdder receivedBytes = new LongAdder();

	private final LongAdder sent = new LongAdder();

	private final LongAdder sentBytes = new LongAdder();

	private final LongAdder listenerErrors = new LongAdder();

	/**
	 * Create a new instance with every count at 0.
	 */
	protected MessageStats() {
	}

	/**
	 * Count a message received.
	 * @param bytes its size
	 */
	protected final void countReceived(int bytes) {
		this.received.increment();
		this.receivedBytes.add(bytes);
	}

	/**
	 * Count a message sent.
	 * @param bytes its size
	 */
	protected final void countSent(int bytes) {
		this.sent.increment();
		this.sentBytes.add(bytes);
	}

	/**
	 * Count a call of the listener method that threw.
	 */
	protected final void countListenerError() {
		this.listenerErrors.increment();
	}

	/**
	 * Return the messages received: for UDP the datagrams received, dropped ones included; for
	 * shared memory the messages read from the inbound ring.
	 * @return the count
	 */
	public long getReceived() {
		return this.received.sum();
	}

	/**
	 * Return the bytes of the messages received (of a dropped datagram, as far as read; of a
	 * shared-memory message, its body).
	 * @return the count
	 */
	public long getReceivedBytes() {
		return this.receivedBytes.sum();
	}

	/**
	 * Return the messages sent: datagrams, or messages written to the outbound ring.
	 * @return the count
	 */
	public long getSent() {
		return this.sent.sum();
	}

	/**
	 * Return the bytes of the messages sent (of a shared-memory message, its body).
	 * @return the count
	 */
	public long getSentBytes() {
		return this.sentBytes.sum();
	}

	/**
	 * Return the calls of the listener method that threw.
	 * @return the count
	 */
	public long getListenerErrors() {
		return this.listenerErrors.sum();
	}

}
