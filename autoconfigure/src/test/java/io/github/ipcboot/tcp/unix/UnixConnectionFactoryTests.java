package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.integration.ip.tcp.connection.DefaultTcpNioConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Unix socket connection factories on their own, without a context: their names, a client
 * with a socket timeout, and a server without a listener.
 */
class UnixConnectionFactoryTests {

	@TempDir
	Path dir;

	@Test
	void clientNamesItsPathAndType() {
		Path socket = this.dir.resolve("c.sock");
		UnixClientConnectionFactory client = new UnixClientConnectionFactory(socket,
				new DefaultTcpNioConnectionSupport());
		assertThat(client.getPath()).isEqualTo(socket);
		assertThat(client.getComponentType()).isEqualTo("unix-nio-client-connection-factory");
		assertThat(client.getHost()).isEqualTo("unix:" + socket);
	}

	@Test
	void clientWithASocketTimeoutSendsOverTheSocket() throws Exception {
		Path socket = this.dir.resolve("t.sock");
		try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			server.bind(UnixDomainSocketAddress.of(socket));
			UnixClientConnectionFactory client = new UnixClientConnectionFactory(socket,
					new DefaultTcpNioConnectionSupport());
			client.setSoTimeout(30_000);
			client.start();
			try {
				TcpConnectionSupport connection = (TcpConnectionSupport) client.getConnection();
				assertThat(connection.isOpen()).isTrue();
				try (SocketChannel accepted = server.accept()) {
					connection.send(MessageBuilder.withPayload("hi").build());
					ByteBuffer buffer = ByteBuffer.allocate(4);
					while (buffer.hasRemaining() && accepted.read(buffer) >= 0) {
						// blocking read until the frame is complete
					}
					assertThat(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8))
						.isEqualTo("hi\r\n");
				}
			}
			finally {
				client.stop();
			}
			assertThat(client.isRunning()).isFalse();
		}
	}

	@Test
	void serverWithoutAListenerDoesNotBindItsSocket() {
		Path socket = this.dir.resolve("s.sock");
		UnixServerConnectionFactory server = new UnixServerConnectionFactory("orders", socket, null,
				new DefaultTcpNioConnectionSupport());
		assertThat(server.getComponentType()).isEqualTo("unix-nio-server-connection-factory");
		assertThat(server.getPath()).isEqualTo(socket);
		server.run();
		assertThat(server.isListening()).isFalse();
		assertThat(server.getListenFailure()).isNull();
		assertThat(Files.exists(socket)).isFalse();
	}

}
