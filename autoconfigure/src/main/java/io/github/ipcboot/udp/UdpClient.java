package io.github.ipcboot.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * A UDP client configured under {@code ipc.udp.clients.<name>}: fire-and-forget sends and
 * request-reply with a timeout and retries.
 * <pre class="code">
 * String status = udpClients.client("status").request("STATUS");
 * </pre>
 * How replies are matched: requests go through a socket of their own, connected to the server,
 * so the operating system hands it datagrams from the server's address and port only (sends go
 * through another socket, so an answer to a fire-and-forget send is never taken for a reply).
 * Requests take turns (one in flight at a time); before each attempt the datagrams already
 * waiting (late replies to earlier attempts) are discarded and counted as {@code unexpected},
 * and the first datagram that arrives after the send is the reply. A request that gets no reply
 * at all closes its socket: the next request uses a new one (a new local port), so a reply that
 * comes after its request timed out is dropped by the operating system and never taken for the
 * next request's reply. Within one request, a late reply to an earlier attempt is its reply.
 * datagrams. Each attempt waits {@code reply-timeout}; a request sends at most
 * {@code 1 + retries} times, so it must be safe to repeat.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public final class UdpClient implements AutoCloseable {

	private final UdpClientSettings settings;

	private final UdpStats stats = new UdpStats();

	private final ReentrantLock requestLock = new ReentrantLock();

	private final Object channelMonitor = new Object();

	/** The socket of requests: replaced after a request that got no reply. */
	private @Nullable ClientChannel channel;

	/** The socket of fire-and-forget sends. */
	private @Nullable ClientChannel sendChannel;

	private volatile boolean closed;

	/**
	 * Create a new instance; the socket opens at the first use.
	 * @param settings the settings
	 */
	public UdpClient(UdpClientSettings settings) {
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
	public UdpClientSettings getSettings() {
		return this.settings;
	}

	/**
	 * Return the counts of this client.
	 * @return the counts
	 */
	public UdpStats getStats() {
		return this.stats;
	}

	/**
	 * Send one datagram and wait for nothing.
	 * @param datagram the datagram
	 * @throws UdpClientException if the socket cannot be opened or the datagram not sent
	 */
	public void send(byte[] datagram) {
		try {
			if (!channel(false).send(datagram)) {
				throw new UdpClientException(describe() + ": the send buffer is full; datagram of " + datagram.length
						+ " bytes not sent", null);
			}
		}
		catch (IOException ex) {
			throw new UdpClientException(describe() + ": could not send a datagram of " + datagram.length + " bytes: "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Send one datagram, encoded with the client's charset, and wait for nothing.
	 * @param datagram the datagram
	 * @throws UdpClientException if the socket cannot be opened or the datagram not sent
	 */
	public void send(String datagram) {
		send(datagram.getBytes(this.settings.charset()));
	}

	/**
	 * Send a request and wait for its reply, sending it again after each {@code reply-timeout}
	 * without one, up to {@code retries} times.
	 * @param request the request datagram
	 * @return the reply datagram
	 * @throws UdpReplyTimeoutException if no attempt got a reply
	 * @throws UdpClientException if the socket fails
	 */
	public byte[] request(byte[] request) {
		this.requestLock.lock();
		try {
			return exchange(request);
		}
		finally {
			this.requestLock.unlock();
		}
	}

	/**
	 * Send a request encoded with the client's charset and wait for its reply, decoded the same
	 * way; see {@link #request(byte[])}.
	 * @param request the request datagram
	 * @return the reply datagram
	 * @throws UdpReplyTimeoutException if no attempt got a reply
	 * @throws UdpClientException if the socket fails
	 */
	public String request(String request) {
		return new String(request(request.getBytes(this.settings.charset())), this.settings.charset());
	}

	private byte[] exchange(byte[] request) {
		int attempts = this.settings.retries() + 1;
		long timeoutNanos = this.settings.replyTimeout().toNanos();
		IOException lastError = null;
		for (int attempt = 1; attempt <= attempts; attempt++) {
			try {
				ClientChannel current = channel(true);
				current.discardWaiting();
				current.send(request);
				byte[] reply = current.receive(System.nanoTime() + timeoutNanos);
				if (reply != null) {
					return reply;
				}
			}
			catch (PortUnreachableException ex) {
				// an ICMP error from an earlier or this attempt: nothing listens there (yet)
				lastError = ex;
			}
			catch (IOException ex) {
				throw new UdpClientException(describe() + ": request failed: " + ex.getMessage(), ex);
			}
		}
		// a reply that still comes must not reach the next request: it goes to a closed port
		closeRequestChannel();
		throw new UdpReplyTimeoutException(describe() + ": no reply within "
				+ TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms in " + attempts + " attempt(s)"
				+ ((lastError != null) ? " (last error: port unreachable)" : ""), lastError);
	}

	private ClientChannel channel(boolean forRequests) throws IOException {
		synchronized (this.channelMonitor) {
			if (this.closed) {
				throw new UdpClientException(describe() + ": the client is closed", null);
			}
			ClientChannel current = forRequests ? this.channel : this.sendChannel;
			if (current == null) {
				current = new ClientChannel(new InetSocketAddress(this.settings.host(), this.settings.port()),
						this.settings.maxDatagramSize(), this.stats);
				if (forRequests) {
					this.channel = current;
				}
				else {
					this.sendChannel = current;
				}
			}
			return current;
		}
	}

	private void closeRequestChannel() {
		synchronized (this.channelMonitor) {
			closeQuietly(this.channel);
			this.channel = null;
		}
	}

	private String describe() {
		return "UDP client '" + getName() + "' (" + this.settings.host() + ":" + this.settings.port() + ")";
	}

	/**
	 * Close the socket; the client takes no more requests.
	 */
	@Override
	public void close() {
		synchronized (this.channelMonitor) {
			this.closed = true;
			closeQuietly(this.channel);
			closeQuietly(this.sendChannel);
			this.channel = null;
			this.sendChannel = null;
		}
	}

	private static void closeQuietly(@Nullable ClientChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// closing: nothing left to do with it
			}
		}
	}

}
