package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * The {@link Socket} that Spring Integration's connection classes ask for, standing in for a
 * Unix domain socket, which has none: the loopback address with port 0 as both ends, buffer sizes
 * and state from the channel, and socket options that do not apply ignored. It never opens a
 * socket of its own.
 */
final class UnixPeerSocket extends Socket {

	private static final InetAddress LOCAL = InetAddress.getLoopbackAddress();

	private final UnixChannelView view;

	UnixPeerSocket(UnixChannelView view) {
		this.view = view;
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
	public synchronized int getSoTimeout() {
		return 0;
	}

	@Override
	public synchronized void setSoTimeout(int timeout) {
		// reads are non-blocking; idle timeouts are the factory's
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
