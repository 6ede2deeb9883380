package io.github.ipcboot.udp;

import java.util.Locale;

/**
 * Why a datagram was dropped: the bounded values of the {@code reason} tag of
 * {@code ipc.udp.datagrams.dropped}.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public enum UdpDropReason {

	/** Larger than {@code max-datagram-size}; never handed on truncated. */
	TOO_LARGE,

	/** From a sender outside {@code allowed-clients}. */
	NOT_ALLOWED,

	/** The handler queue was full. */
	QUEUE_FULL,

	/** A reply larger than the reply cap allows (amplification guard). */
	REPLY_TOO_LARGE,

	/** A reply while replies are disabled. */
	REPLY_DISABLED,

	/** A datagram the operating system would not send (buffer full, too long, unreachable). */
	SEND_FAILED,

	/** On a client: a datagram that answered no request in progress (late or unexpected). */
	UNEXPECTED;

	/**
	 * Return the tag value.
	 * @return the name in lower case, e.g. {@code queue_full}
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
