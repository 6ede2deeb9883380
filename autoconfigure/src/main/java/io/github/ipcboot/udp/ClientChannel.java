package io.github.ipcboot.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The connected, non-blocking channel of a {@link UdpClient} and its selector. Being connected,
 * it receives datagrams from the server's address and port only: the operating system drops the
 * others. Reads are bounded in time; a reply larger than {@code maxDatagramSize} is dropped.
 */
final class ClientChannel implements AutoCloseable {

	private final DatagramChannel channel;

	private final Selector selector;

	private final ByteBuffer buffer;

	private final int maxDatagramSize;

	private final UdpStats stats;

	ClientChannel(InetSocketAddress server, int maxDatagramSize, UdpStats stats) throws IOException {
		this.channel = DatagramChannel.open();
		try {
			this.channel.connect(server);
			this.channel.configureBlocking(false);
			this.selector = Selector.open();
			this.channel.register(this.selector, SelectionKey.OP_READ);
		}
		catch (IOException ex) {
			this.channel.close();
			throw ex;
		}
		this.maxDatagramSize = maxDatagramSize;
		this.buffer = ByteBuffer.allocate(maxDatagramSize + 1);
		this.stats = stats;
	}

	/**
	 * Send one datagram.
	 * @return whether the operating system took it (a full send buffer does not)
	 */
	boolean send(byte[] datagram) throws IOException {
		if (this.channel.write(ByteBuffer.wrap(datagram)) == 0) {
			this.stats.dropped(UdpDropReason.SEND_FAILED);
			return false;
		}
		this.stats.sent(datagram.length);
		return true;
	}

	/**
	 * Read and count as unexpected every datagram already waiting (late replies to earlier
	 * requests).
	 */
	void discardWaiting() throws IOException {
		while (readNow() != null) {
			this.stats.dropped(UdpDropReason.UNEXPECTED);
		}
	}

	/**
	 * Wait for a datagram of at most {@code maxDatagramSize} bytes.
	 * @param deadline the {@link System#nanoTime()} to give up at
	 * @return the datagram, or {@code null} if none came in time
	 * @throws IOException e.g. {@link java.net.PortUnreachableException} after an ICMP error
	 */
	byte @Nullable [] receive(long deadline) throws IOException {
		while (true) {
			byte[] datagram = readNow();
			if (datagram != null) {
				return datagram;
			}
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (left <= 0) {
				return null;
			}
			this.selector.select(left);
			this.selector.selectedKeys().clear();
		}
	}

	private byte @Nullable [] readNow() throws IOException {
		while (true) {
			this.buffer.clear();
			// receive, not read: it tells an empty datagram (address returned) from none (null)
			if (this.channel.receive(this.buffer) == null) {
				return null;
			}
			int size = this.buffer.position();
			this.stats.received(size);
			if (size <= this.maxDatagramSize) {
				byte[] datagram = new byte[size];
				this.buffer.flip().get(datagram);
				return datagram;
			}
			this.stats.dropped(UdpDropReason.TOO_LARGE);
		}
	}

	@Override
	public void close() throws IOException {
		try {
			this.selector.close();
		}
		finally {
			this.channel.close();
		}
	}

}
