package io.github.ipcboot.udp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One configured UDP endpoint: a bound {@link DatagramChannel}, the thread that receives from it,
 * and the bounded pool that runs its {@link UdpListener} method. Draining stops the receiving and
 * lets the datagrams already taken be handled and answered; stopping then closes the channel.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public final class UdpEndpoint {

	private static final Log logger = LogFactory.getLog(UdpEndpoint.class);

	private final UdpEndpointSettings settings;

	private final UdpStats stats = new UdpStats();

	private final UdpWarnings warnings = new UdpWarnings();

	private volatile @Nullable UdpListenerMethod listener;

	private volatile @Nullable Running running;

	private volatile boolean draining;

	/**
	 * Create a new instance.
	 * @param settings the settings
	 */
	public UdpEndpoint(UdpEndpointSettings settings) {
		this.settings = settings;
	}

	/**
	 * Return the configured name.
	 * @return the name
	 */
	public String getName() {
		return this.settings.name();
	}

	/**
	 * Return the settings.
	 * @return the settings
	 */
	public UdpEndpointSettings getSettings() {
		return this.settings;
	}

	/**
	 * Return the counts of this endpoint.
	 * @return the counts
	 */
	public UdpStats getStats() {
		return this.stats;
	}

	void attach(UdpListenerMethod listener) {
		this.listener = listener;
	}

	boolean hasListener() {
		return this.listener != null;
	}

	/**
	 * Bind the port and start receiving.
	 * @throws UdpStartupException if the port cannot be bound or the group joined
	 * @throws IllegalStateException if no listener is attached
	 */
	synchronized void start() {
		UdpListenerMethod method = this.listener;
		if (method == null) {
			throw new IllegalStateException("UDP endpoint '" + getName() + "' has no @UdpListener(\"" + getName()
					+ "\") method");
		}
		if (this.running != null) {
			return;
		}
		DatagramChannel channel = DatagramChannels.open(this.settings);
		HandlerPool pool = new HandlerPool(getName(), this.settings.handlerThreads(), this.settings.queueCapacity());
		DatagramDispatcher dispatcher = new DatagramDispatcher(this.settings, this.stats, method, channel, pool,
				this.warnings);
		try {
			DatagramReceiver receiver = new DatagramReceiver(getName(), channel, this.settings.maxDatagramSize(),
					this.stats, dispatcher::dispatch, this.warnings);
			this.running = new Running(channel, pool, receiver);
			this.draining = false;
			receiver.start();
		}
		catch (IOException ex) {
			pool.close(0);
			closeQuietly(channel);
			throw new UdpStartupException("UDP endpoint '" + getName() + "' could not start: " + ex.getMessage(), ex);
		}
		logger.info("UDP endpoint '" + getName() + "' receiving on " + channel.socket().getLocalSocketAddress());
		String reflector = reflectorWarning(this.settings, channel.socket().getLocalAddress());
		if (reflector != null) {
			logger.warn(reflector);
		}
	}

	/**
	 * Say so when an endpoint can be used to amplify floods: it answers any sender, with replies
	 * of any size, on an address others reach (a forged sender address gets the replies).
	 * @return the warning, or {@code null} when the endpoint is not such a reflector
	 */
	static @Nullable String reflectorWarning(UdpEndpointSettings settings, InetAddress bound) {
		if (!settings.replies() || !settings.allowedClients().isEmpty() || settings.maxReplyRatio() > 0
				|| bound.isLoopbackAddress()) {
			return null;
		}
		return "UDP endpoint '" + settings.name() + "' answers any sender on " + bound.getHostAddress()
				+ " with replies of any size: set ipc.udp.endpoints." + settings.name()
				+ ".reply.max-ratio (e.g. 1) or allowed-clients, or bind a loopback address, so that it cannot"
				+ " amplify floods sent with forged sender addresses";
	}

	/**
	 * Return the bound port (useful with port 0).
	 * @return the port
	 * @throws IllegalStateException if the endpoint is not started
	 */
	public int getPort() {
		Running current = this.running;
		if (current == null) {
			throw new IllegalStateException("UDP endpoint '" + getName() + "' is not started");
		}
		return ((InetSocketAddress) current.channel().socket().getLocalSocketAddress()).getPort();
	}

	/**
	 * Return whether the endpoint is receiving datagrams.
	 * @return whether receiving
	 */
	public boolean isReceiving() {
		Running current = this.running;
		return current != null && current.receiver().isReceiving();
	}

	/**
	 * Return whether the endpoint is draining for a graceful shutdown.
	 * @return whether draining
	 */
	public boolean isDraining() {
		return this.draining && this.running != null;
	}

	/**
	 * Return the datagrams queued or being handled.
	 * @return the count
	 */
	public int getInFlight() {
		Running current = this.running;
		return (current != null) ? current.pool().inFlight() : 0;
	}

	/**
	 * Return the datagrams waiting for a handler thread.
	 * @return the count
	 */
	public int getQueued() {
		Running current = this.running;
		return (current != null) ? current.pool().queued() : 0;
	}

	/**
	 * Stop receiving; datagrams already taken are still handled and answered.
	 */
	void beginDrain() {
		Running current = this.running;
		if (current != null && !this.draining) {
			this.draining = true;
			current.receiver().stop();
			current.pool().shutdown();
		}
	}

	/**
	 * Stop receiving, give the handlers still running up to the given time (none if a drain
	 * already gave them theirs), then close the channel.
	 * @param graceMillis how long handlers get to finish
	 */
	synchronized void stop(long graceMillis) {
		Running current = this.running;
		if (current == null) {
			return;
		}
		long grace = this.draining ? 0 : graceMillis;
		beginDrain();
		if (!current.pool().close(grace)) {
			logger.warn("UDP endpoint '" + getName() + "' stopped with handlers still running "
					+ ((grace == 0) ? "at the end of the graceful shutdown" : "after " + grace + " ms")
					+ "; they were interrupted");
		}
		closeQuietly(current.channel());
		this.running = null;
		this.draining = false;
	}

	private void closeQuietly(DatagramChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			logger.debug("Closing the channel of UDP endpoint '" + getName() + "' failed", ex);
		}
	}

	private record Running(DatagramChannel channel, HandlerPool pool, DatagramReceiver receiver) {

	}

}
