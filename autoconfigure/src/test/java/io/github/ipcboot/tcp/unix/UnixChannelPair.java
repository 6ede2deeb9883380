package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A real connected pair of Unix domain socket channels for tests: the listening channel, the
 * client's end and the accepted end (in blocking mode, as accepted), closed together.
 *
 * @param server the listening channel
 * @param client the client's end
 * @param accepted the server's end
 */
record UnixChannelPair(ServerSocketChannel server, SocketChannel client, SocketChannel accepted)
		implements AutoCloseable {

	/**
	 * Listen on the given path, connect to it and accept.
	 * @param path the socket path
	 * @return the connected pair
	 * @throws IOException if a step fails
	 */
	static UnixChannelPair connect(Path path) throws IOException {
		UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
		ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		server.bind(address);
		SocketChannel client = SocketChannel.open(address);
		return new UnixChannelPair(server, client, server.accept());
	}

	@Override
	public void close() throws IOException {
		try (this.server; this.client; this.accepted) {
			// all three closed, the last opened first
		}
	}

}
