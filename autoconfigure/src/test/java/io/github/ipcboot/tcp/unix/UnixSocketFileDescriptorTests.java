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
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.ip.tcp.connection.AbstractClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNioConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closed connections give their file descriptors back, however they close, in both I/O modes:
 * the process's open descriptors ({@code /proc/self/fd}) return to their count after many
 * connections, while a well-behaved connection stays open alongside.
 */
class UnixSocketFileDescriptorTests {

	private static final int CONNECTIONS = 50;

	/** Descriptors the JVM may open meanwhile for reasons of its own (class loading, logging). */
	private static final long SLACK = 6;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void serverConnectionsShouldGiveTheirDescriptorsBack(String ioMode) {
		Path socket = this.dir.resolve("fd.sock");
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
			.withUserConfiguration(UnixSocketServerTests.AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.address=unix:" + socket, "ipc.tcp.servers.echo.io-mode=" + ioMode,
					"ipc.tcp.servers.echo.idle-timeout=300ms", "ipc.tcp.servers.echo.max-frame-size=64B")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				try (UnixLineClient steady = new UnixLineClient(socket)) {
					assertThat(steady.request("first")).isEqualTo("ACK first");
					// warm up: the first connections load classes and open the JDK's own files
					closeOnEachSide(socket);
					long before = openDescriptors();
					for (int i = 0; i < CONNECTIONS; i++) {
						closeOnEachSide(socket);
					}
					awaitDescriptorsBackTo(before);
					// the steady client sends nothing for longer than the idle timeout: open it anew
				}
				try (UnixLineClient steady = new UnixLineClient(socket)) {
					assertThat(steady.request("last")).isEqualTo("ACK last");
				}
			});
	}

	/**
	 * One connection closed by the peer, one by the server's idle timeout, one by a frame error.
	 */
	private static void closeOnEachSide(Path socket) throws IOException {
		try (UnixLineClient peerCloses = new UnixLineClient(socket)) {
			assertThat(peerCloses.request("bye")).isEqualTo("ACK bye");
		}
		try (UnixLineClient idle = new UnixLineClient(socket)) {
			assertThat(idle.request("idle")).isEqualTo("ACK idle");
			assertThat(idle.readLine()).isNull();
		}
		try (UnixLineClient tooLong = new UnixLineClient(socket)) {
			assertThat(tooLong.request("x".repeat(200))).isNull();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void clientConnectionsShouldGiveTheirDescriptorsBack(String ioMode) throws Exception {
		Path socket = this.dir.resolve("client.sock");
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.initialize();
		try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			server.bind(UnixDomainSocketAddress.of(socket));
			server.configureBlocking(false);
			AbstractClientConnectionFactory client = ioMode.equals("net")
					? new UnixClientConnectionFactory(socket, new DefaultTcpNetConnectionSupport())
					: new UnixClientConnectionFactory(socket, new DefaultTcpNioConnectionSupport());
			DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
			beans.registerSingleton("taskScheduler", scheduler);
			client.setBeanFactory(beans);
			// with a read timeout, a blocking client waits for replies in a selector
			client.setSoTimeout(30_000);
			client.setSingleUse(true);
			BlockingQueue<String> replies = new LinkedBlockingQueue<>();
			client.registerListener((Message<?> message) -> {
				// a closed connection tells its listener with an exception payload
				if (message.getPayload() instanceof byte[] reply) {
					replies.add(new String(reply, StandardCharsets.UTF_8));
				}
			});
			client.start();
			try {
				TcpConnectionSupport steady = (TcpConnectionSupport) client.getConnection();
				try (SocketChannel steadyPeer = accept(server)) {
					exchange(steady, steadyPeer, replies, "first");
					closeClientConnection(client, server, replies, true);
					long before = openDescriptors();
					for (int i = 0; i < CONNECTIONS; i++) {
						closeClientConnection(client, server, replies, i % 2 == 0);
					}
					awaitDescriptorsBackTo(before);
					exchange(steady, steadyPeer, replies, "last");
				}
			}
			finally {
				client.stop();
			}
		}
		finally {
			scheduler.shutdown();
		}
	}

	/**
	 * A connection that exchanges a frame, then is closed by the server (the client's reader
	 * sees the end of the stream) or by the client.
	 */
	private static void closeClientConnection(AbstractClientConnectionFactory client, ServerSocketChannel server,
			BlockingQueue<String> replies, boolean serverCloses) throws Exception {
		TcpConnectionSupport connection = (TcpConnectionSupport) client.getConnection();
		try (SocketChannel peer = accept(server)) {
			exchange(connection, peer, replies, "bye");
			if (!serverCloses) {
				connection.close();
			}
		}
		Awaitility.await().atMost(TIMEOUT).until(() -> !connection.isOpen());
	}

	private static SocketChannel accept(ServerSocketChannel server) throws IOException {
		SocketChannel accepted = Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5))
			.until(server::accept, (channel) -> channel != null);
		accepted.configureBlocking(true);
		return accepted;
	}

	private static void exchange(TcpConnectionSupport connection, SocketChannel peer, BlockingQueue<String> replies,
			String text) throws Exception {
		connection.send(MessageBuilder.withPayload(text).build());
		ByteBuffer request = ByteBuffer.allocate(text.length() + 2);
		while (request.hasRemaining()) {
			assertThat(peer.read(request)).isNotNegative();
		}
		peer.write(ByteBuffer.wrap(("re " + text + "\r\n").getBytes(StandardCharsets.UTF_8)));
		assertThat(replies.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("re " + text);
	}

	private static void awaitDescriptorsBackTo(long before) {
		Awaitility.await()
			.atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(openDescriptors()).isLessThanOrEqualTo(before + SLACK));
	}

	static long openDescriptors() throws IOException {
		try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
			return fds.count();
		}
	}

}
