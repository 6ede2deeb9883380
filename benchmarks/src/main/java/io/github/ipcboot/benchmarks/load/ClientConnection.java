package io.github.ipcboot.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * One connection of the load client, driven by one thread with blocking I/O: it keeps
 * {@code inFlight} lines outstanding, and after each read checks every complete echoed line, then
 * tops the window up again with a single write. A line may only be sent while it is less than
 * {@code inFlight} sequence numbers ahead of the oldest line not yet echoed, so send times can live
 * in a ring indexed by sequence number even when a server answers out of order.
 */
final class ClientConnection implements Runnable {

	/** How long one read may block before the connection counts as stalled. */
	static final int READ_TIMEOUT_MILLIS = 5000;

	private static final int CONNECT_TIMEOUT_MILLIS = 5000;

	private final int number;

	private final int inFlight;

	private final long measureStart;

	private final long end;

	private final Socket socket = new Socket();

	/** The connection to a Unix domain socket server, used instead of the socket. */
	private volatile @Nullable SocketChannel channel;

	private final long[] sentAt;

	private final boolean[] echoed;

	private final byte[] in = new byte[64 * 1024];

	private final byte[] out;

	private final byte[] expected = new byte[Lines.LENGTH];

	private final LatencyHistogram latencies = new LatencyHistogram();

	private long nextToSend;

	private long oldestOutstanding;

	private long measured;

	private long mismatches;

	private long reordered;

	private long disconnects;

	private volatile boolean closing;

	ClientConnection(int number, int inFlight, long measureStart, long end) {
		this.number = number;
		this.inFlight = inFlight;
		this.measureStart = measureStart;
		this.end = end;
		this.sentAt = new long[inFlight];
		this.echoed = new boolean[inFlight];
		this.out = new byte[inFlight * Lines.LENGTH];
	}

	/**
	 * Connect; a failure counts as a disconnect and leaves the connection idle.
	 */
	void connect(SocketAddress address) {
		try {
			if (address instanceof UnixDomainSocketAddress unix) {
				// blocking channel I/O, with no read timeout: a stalled server is ended by the
				// LoadClient's close after the grace period
				SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
				this.channel = opened;
				opened.connect(unix);
				return;
			}
			this.socket.setTcpNoDelay(true);
			this.socket.connect(address, CONNECT_TIMEOUT_MILLIS);
			this.socket.setSoTimeout(READ_TIMEOUT_MILLIS);
		}
		catch (IOException ex) {
			this.disconnects++;
			close();
		}
	}

	@Override
	public void run() {
		SocketChannel unix = this.channel;
		if ((unix != null) ? !unix.isConnected() : (this.socket.isClosed() || !this.socket.isConnected())) {
			return;
		}
		try {
			InputStream input = (unix != null) ? ChannelStreams.input(unix) : this.socket.getInputStream();
			OutputStream output = (unix != null) ? ChannelStreams.output(unix) : this.socket.getOutputStream();
			send(output, System.nanoTime());
			int filled = 0;
			while (System.nanoTime() < this.end) {
				int n = input.read(this.in, filled, this.in.length - filled);
				long now = System.nanoTime();
				if (n < 0) {
					this.disconnects++;
					return;
				}
				filled = consume(filled + n, now);
				if (filled < 0) {
					return;
				}
				send(output, System.nanoTime());
			}
		}
		catch (SocketTimeoutException ex) {
			this.disconnects++;
		}
		catch (IOException ex) {
			if (!this.closing) {
				this.disconnects++;
			}
		}
		finally {
			close();
		}
	}

	/**
	 * Check every complete line in the first {@code filled} bytes of the input buffer, move the
	 * rest to the front, and return how many bytes are left there, or -1 if the buffer is full of a
	 * line that never ends (the connection is then given up).
	 */
	private int consume(int filled, long now) {
		boolean measuring = now >= this.measureStart && now < this.end;
		int start = 0;
		for (int i = 0; i < filled; i++) {
			if (this.in[i] == '\n') {
				check(start, i + 1 - start, now, measuring);
				start = i + 1;
			}
		}
		if (start == 0 && filled == this.in.length) {
			this.mismatches++;
			return -1;
		}
		System.arraycopy(this.in, start, this.in, 0, filled - start);
		return filled - start;
	}

	private void check(int offset, int length, long now, boolean measuring) {
		long sequence = Lines.sequence(this.in, offset, length, this.number);
		if (sequence < this.oldestOutstanding || sequence >= this.nextToSend
				|| this.echoed[(int) (sequence % this.inFlight)]) {
			// not a line that is outstanding: take it for a garbled echo of the oldest one, which
			// is right for a server that answers in order, and keeps the window moving
			this.mismatches++;
			if (this.oldestOutstanding < this.nextToSend) {
				this.echoed[(int) (this.oldestOutstanding % this.inFlight)] = true;
			}
		}
		else {
			int slot = (int) (sequence % this.inFlight);
			this.echoed[slot] = true;
			if (sequence != this.oldestOutstanding) {
				this.reordered++;
			}
			Lines.write(this.expected, 0, this.number, sequence);
			if (!Arrays.equals(this.in, offset, offset + length, this.expected, 0, Lines.LENGTH)) {
				this.mismatches++;
			}
			else if (measuring) {
				this.measured++;
				this.latencies.record(now - this.sentAt[slot]);
			}
		}
		while (this.oldestOutstanding < this.nextToSend && this.echoed[(int) (this.oldestOutstanding % this.inFlight)]) {
			this.echoed[(int) (this.oldestOutstanding % this.inFlight)] = false;
			this.oldestOutstanding++;
		}
	}

	private void send(OutputStream output, long now) throws IOException {
		int count = 0;
		while (this.nextToSend < this.oldestOutstanding + this.inFlight) {
			Lines.write(this.out, count * Lines.LENGTH, this.number, this.nextToSend);
			this.sentAt[(int) (this.nextToSend % this.inFlight)] = now;
			this.nextToSend++;
			count++;
		}
		if (count > 0) {
			output.write(this.out, 0, count * Lines.LENGTH);
		}
	}

	/**
	 * Close the socket (also from another thread, to end a connection that overstays).
	 */
	void close() {
		this.closing = true;
		try {
			SocketChannel unix = this.channel;
			if (unix != null) {
				unix.close();
			}
			this.socket.close();
		}
		catch (IOException ex) {
			// nothing left to do with it
		}
	}

	/**
	 * Add this connection's counts and latencies to the given totals; call after the thread ended.
	 */
	void addTo(Totals totals) {
		totals.measured += this.measured;
		totals.mismatches += this.mismatches;
		totals.reordered += this.reordered;
		totals.disconnects += this.disconnects;
		totals.latencies.add(this.latencies);
	}

	/**
	 * Counts and latencies summed over the connections of one scenario.
	 */
	static final class Totals {

		long measured;

		long mismatches;

		long reordered;

		long disconnects;

		final LatencyHistogram latencies = new LatencyHistogram();

	}

}
