package io.github.ipcboot.tcp;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.TcpSocketSupport;

/**
 * Keeps hold of a server's listening socket as Spring Integration creates it, so that a drain can
 * close it (new connections are then refused by the operating system) while the connections
 * already accepted go on. Decorates the socket support the server would use anyway.
 */
final class ListeningSocket implements TcpSocketSupport {

	private final TcpSocketSupport delegate;

	private volatile @Nullable ServerSocket serverSocket;

	ListeningSocket(TcpSocketSupport delegate) {
		this.delegate = delegate;
	}

	@Override
	public void postProcessServerSocket(ServerSocket serverSocket) {
		this.delegate.postProcessServerSocket(serverSocket);
		this.serverSocket = serverSocket;
	}

	@Override
	public void postProcessSocket(Socket socket) {
		this.delegate.postProcessSocket(socket);
	}

	/**
	 * Close the listening socket, if open.
	 * @return whether it was open
	 */
	boolean close() {
		ServerSocket socket = this.serverSocket;
		if (socket == null || socket.isClosed()) {
			return false;
		}
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closed as far as new clients are concerned
		}
		return true;
	}

}
