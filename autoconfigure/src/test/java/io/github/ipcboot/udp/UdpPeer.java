package io.github.ipcboot.udp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A plain {@link DatagramSocket} on 127.0.0.1 (ephemeral port) for tests: sends datagrams to a
 * port and waits, bounded, for datagrams.
 */
public final class UdpPeer implements AutoCloseable {

	private final DatagramSocket socket;

	private UdpPeer(DatagramSocket socket) {
		this.socket = socket;
	}

	/**
	 * Open a peer on an ephemeral port of 127.0.0.1.
	 * @return the peer
	 */
	public static UdpPeer open() {
		try {
			return new UdpPeer(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the local port.
	 * @return the port
	 */
	public int port() {
		return this.socket.getLocalPort();
	}

	/**
	 * Send a datagram to a port of 127.0.0.1.
	 * @param port the port
	 * @param datagram the datagram
	 */
	public void send(int port, byte[] datagram) {
		try {
			this.socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Send a UTF-8 datagram to a port of 127.0.0.1.
	 * @param port the port
	 * @param text the text
	 */
	public void send(int port, String text) {
		send(port, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Wait for a datagram.
	 * @param timeout how long
	 * @return the datagram with its sender, or {@code null} if none came in time
	 */
	public @Nullable Received receive(Duration timeout) {
		byte[] buffer = new byte[65_536];
		DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
		try {
			this.socket.setSoTimeout((int) timeout.toMillis());
			this.socket.receive(packet);
			return new Received(Arrays.copyOf(buffer, packet.getLength()),
					(InetSocketAddress) packet.getSocketAddress());
		}
		catch (SocketTimeoutException ex) {
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Send a UTF-8 request and wait for a UTF-8 reply.
	 * @param port the port of the endpoint
	 * @param text the request
	 * @param timeout how long to wait
	 * @return the reply, or {@code null} if none came in time
	 */
	public @Nullable String request(int port, String text, Duration timeout) {
		send(port, text);
		Received reply = receive(timeout);
		return (reply != null) ? reply.text() : null;
	}

	@Override
	public void close() {
		this.socket.close();
	}

	/**
	 * A datagram received.
	 *
	 * @param data the bytes
	 * @param sender where it came from
	 */
	public record Received(byte[] data, InetSocketAddress sender) {

		/**
		 * Return the datagram as UTF-8 text.
		 * @return the text
		 */
		public String text() {
			return new String(this.data, StandardCharsets.UTF_8);
		}

	}

}
