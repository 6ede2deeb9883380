package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The {@link Socket} that Spring Integration's connection classes ask for, standing in for a
 * Unix domain socket, which has none: the loopback address with port 0 as both ends, buffer sizes
 * and state from the channel, streams that read and write the (non-blocking) channel the way a
 * blocking socket's do, with the socket timeout, and socket options that do not apply ignored. It
 * never opens a socket of its own.
 */
final class UnixPeerSocket extends Socket {

	private static final InetAddress LOCAL = InetAddress.getLoopbackAddress();

	private final UnixChannelView view;

	private volatile int soTimeout;

	UnixPeerSocket(UnixChannelView view) {
		this.view = view;
	}

	/**
	 * Return a stream that reads the channel as a blocking socket's does, within the socket
	 * timeout (for a connection served with blocking I/O).
	 */
	@Override
	public InputStream getInputStream() {
		return new InputStream() {

			@Override
			public int read() throws IOException {
				byte[] one = new byte[1];
				int read;
				do {
					read = read(one, 0, 1);
				}
				while (read == 0);
				return (read < 0) ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				if (length == 0) {
					return 0;
				}
				return UnixPeerSocket.this.view.readBlocking(ByteBuffer.wrap(buffer, offset, length),
						UnixPeerSocket.this.soTimeout);
			}

			@Override
			public void close() throws IOException {
				UnixPeerSocket.this.close();
			}

		};
	}

	/**
	 * Return a stream that writes every byte to the channel before it returns.
	 */
	@Override
	public OutputStream getOutputStream() {
		return new OutputStream() {

			@Override
			public void write(int b) throws IOException {
				write(new byte[] { (byte) b }, 0, 1);
			}

			@Override
			public void write(byte[] buffer, int offset, int length) throws IOException {
				UnixPeerSocket.this.view.write(ByteBuffer.wrap(buffer, offset, length));
			}

			@Override
			public void close() throws IOException {
				UnixPeerSocket.this.close();
			}

		};
	}

	@Override
	public InetAddress getInetAddress() {
		return LOCAL;
	}

	@Override
	public InetAddress getLocalAddress() {
		return LOCAL;
	}

	@Override
	public int getPort() {
		return 0;
	}

	@Override
	public int getLocalPort() {
		return 0;
	}

	@Override
	public SocketAddress getRemoteSocketAddress() {
		return new InetSocketAddress(LOCAL, 0);
	}

	@Override
	public SocketAddress getLocalSocketAddress() {
		return new InetSocketAddress(LOCAL, 0);
	}

	@Override
	public SocketChannel getChannel() {
		return this.view;
	}

	@Override
	public boolean isConnected() {
		return true;
	}

	@Override
	public boolean isBound() {
		return true;
	}

	@Override
	public boolean isClosed() {
		return !this.view.isOpen();
	}

	@Override
	public synchronized int getSendBufferSize() {
		return option(StandardSocketOptions.SO_SNDBUF);
	}

	@Override
	public synchronized int getReceiveBufferSize() {
		return option(StandardSocketOptions.SO_RCVBUF);
	}

	private int option(SocketOption<Integer> name) {
		try {
			return this.view.channel().getOption(name);
		}
		catch (IOException | UnsupportedOperationException ex) {
			return 0;
		}
	}

	@Override
	public synchronized void setSendBufferSize(int size) {
		setOption(StandardSocketOptions.SO_SNDBUF, size);
	}

	@Override
	public synchronized void setReceiveBufferSize(int size) {
		setOption(StandardSocketOptions.SO_RCVBUF, size);
	}

	private void setOption(SocketOption<Integer> name, int size) {
		try {
			this.view.channel().setOption(name, size);
		}
		catch (IOException | UnsupportedOperationException ex) {
			// a hint only
		}
	}

	@Override
	public int getSoTimeout() {
		return this.soTimeout;
	}

	@Override
	public void setSoTimeout(int timeout) {
		// the read timeout of getInputStream(); NIO connections do not read through it
		this.soTimeout = timeout;
	}

	@Override
	public void setTcpNoDelay(boolean on) {
		// no Nagle on a Unix domain socket
	}

	@Override
	public boolean getTcpNoDelay() {
		return true;
	}

	@Override
	public void setSoLinger(boolean on, int linger) {
		// not a TCP option of a Unix domain socket
	}

	@Override
	public void setKeepAlive(boolean on) {
		// not a TCP option of a Unix domain socket
	}

	@Override
	public synchronized void close() throws IOException {
		this.view.close();
	}

	@Override
	public void shutdownInput() throws IOException {
		this.view.shutdownInput();
	}

	@Override
	public void shutdownOutput() throws IOException {
		this.view.shutdownOutput();
	}

	@Override
	public String toString() {
		return "UnixPeerSocket[" + this.view + "]";
	}

}
