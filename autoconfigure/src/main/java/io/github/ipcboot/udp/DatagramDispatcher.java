package io.github.ipcboot.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

import io.github.ipcboot.tcp.CidrRange;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Takes each datagram an endpoint received through its checks (sender allowed, room in the
 * queue), runs the listener on the {@link HandlerPool} and sends its reply back to the sender
 * within the reply cap. Whatever is turned away is counted by reason; listener errors are logged
 * (at most a few lines a minute at WARN, see {@link UdpWarnings}) and counted, and never stop the
 * endpoint.
 */
final class DatagramDispatcher {

	private static final Log logger = LogFactory.getLog(DatagramDispatcher.class);

	private final UdpEndpointSettings settings;

	private final UdpStats stats;

	private final UdpListenerMethod listener;

	private final DatagramChannel channel;

	private final HandlerPool pool;

	private final UdpWarnings warnings;

	DatagramDispatcher(UdpEndpointSettings settings, UdpStats stats, UdpListenerMethod listener,
			DatagramChannel channel, HandlerPool pool, UdpWarnings warnings) {
		this.settings = settings;
		this.stats = stats;
		this.listener = listener;
		this.channel = channel;
		this.pool = pool;
		this.warnings = warnings;
	}

	/**
	 * Hand a datagram on, on the receiver thread; never blocks.
	 * @param datagram the datagram, complete
	 * @param sender where it came from
	 */
	void dispatch(byte[] datagram, InetSocketAddress sender) {
		if (!isAllowed(sender)) {
			this.stats.dropped(UdpDropReason.NOT_ALLOWED);
			return;
		}
		if (!this.pool.submit(() -> handle(datagram, sender))) {
			this.stats.dropped(UdpDropReason.QUEUE_FULL);
		}
	}

	private boolean isAllowed(InetSocketAddress sender) {
		if (this.settings.allowedClients().isEmpty()) {
			return true;
		}
		for (CidrRange range : this.settings.allowedClients()) {
			if (range.contains(sender.getAddress())) {
				return true;
			}
		}
		return false;
	}

	private void handle(byte[] datagram, InetSocketAddress sender) {
		byte[] reply;
		try {
			reply = this.listener.invoke(datagram, new UdpContext(this.settings.name(), sender, datagram.length),
					this.settings.charset());
		}
		catch (Throwable ex) {
			this.stats.listenerFailed();
			logFailure(ex);
			if (ex instanceof Error error && !(ex instanceof StackOverflowError)) {
				throw error;
			}
			return;
		}
		if (reply != null) {
			reply(reply, datagram.length, sender);
		}
	}

	private void reply(byte[] reply, int requestSize, InetSocketAddress sender) {
		if (!this.settings.replies()) {
			this.stats.dropped(UdpDropReason.REPLY_DISABLED);
			return;
		}
		int cap = this.settings.maxReplySize(requestSize);
		if (reply.length > cap) {
			this.stats.dropped(UdpDropReason.REPLY_TOO_LARGE);
			if (logger.isDebugEnabled()) {
				logger.debug("UDP endpoint '" + this.settings.name() + "' dropped a reply of " + reply.length
						+ " bytes to a request of " + requestSize + " bytes (cap " + cap + " bytes)");
			}
			return;
		}
		try {
			if (this.channel.send(ByteBuffer.wrap(reply), sender) == 0) {
				this.stats.dropped(UdpDropReason.SEND_FAILED);
				return;
			}
			this.stats.sent(reply.length);
		}
		catch (IOException ex) {
			this.stats.dropped(UdpDropReason.SEND_FAILED);
			logger.debug("UDP endpoint '" + this.settings.name() + "' could not send a reply", ex);
		}
	}

	private void logFailure(Throwable ex) {
		String message = "@UdpListener " + this.listener.describe() + " of UDP endpoint '" + this.settings.name()
				+ "' failed; the datagram gets no reply";
		this.warnings.warn(logger, message, ex);
	}

}
