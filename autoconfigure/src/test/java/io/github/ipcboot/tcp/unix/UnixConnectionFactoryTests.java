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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNioConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Unix socket connection factories on their own, without a context: their names, a client
 * with a socket timeout, a server without a listener, and a
 * blocking server that has no thread for a new connection.
 */
class UnixConnectionFactoryTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

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

	@Test
	void blockingServerWithoutAThreadForANewConnectionClosesIt() throws IOException {
		Path socket = this.dir.resolve("n.sock");
		UnixServerConnectionFactory server = new UnixServerConnectionFactory("orders", socket, null,
				new DefaultTcpNetConnectionSupport());
		DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.initialize();
		beans.registerSingleton("taskScheduler", scheduler);
		server.setBeanFactory(beans);
		AtomicInteger executed = new AtomicInteger();
		List<Thread> threads = new CopyOnWriteArrayList<>();
		server.setTaskExecutor((task) -> {
			// the first task is the accepting loop; no thread is left for a connection
			if (executed.getAndIncrement() > 0) {
				throw new RejectedExecutionException("full");
			}
			Thread thread = new Thread(task, "unix-accept");
			threads.add(thread);
			thread.start();
		});
		server.registerListener((message) -> {
			// nothing arrives: the connection is closed before it is read
		});
		server.start();
		try {
			Awaitility.await().atMost(TIMEOUT).until(server::isListening);
			try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
				assertThat(client.read(ByteBuffer.allocate(4))).isEqualTo(-1);
			}
			assertThat(executed.get()).isGreaterThanOrEqualTo(2);
		}
		finally {
			server.stop();
			scheduler.shutdown();
		}
		for (Thread thread : threads) {
			Awaitility.await().atMost(TIMEOUT).until(() -> !thread.isAlive());
		}
	}

}
