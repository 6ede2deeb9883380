package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
	void clientConnectToAServerWhoseBacklogIsFullFailsWithinTheConnectTimeout() throws Exception {
		Path socket = this.dir.resolve("full.sock");
		List<SocketChannel> queued = new ArrayList<>();
		try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
			// a server that never accepts: its backlog fills up
			server.bind(UnixDomainSocketAddress.of(socket), 1);
			fillBacklog(socket, queued);
			UnixClientConnectionFactory client = new UnixClientConnectionFactory(socket,
					new DefaultTcpNetConnectionSupport());
			client.setConnectTimeout(() -> Duration.ofSeconds(1));
			client.setApplicationEventPublisher((event) -> {
				// the failed connect is published
			});
			client.start();
			try {
				long start = System.nanoTime();
				assertThatExceptionOfType(UnixSocketConnectException.class).isThrownBy(client::getConnection)
					.withMessageContaining("Connect timed out after 1000 ms")
					.withCauseInstanceOf(SocketTimeoutException.class);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900))
					.isLessThan(TIMEOUT);
			}
			finally {
				client.stop();
			}
		}
		finally {
			for (SocketChannel channel : queued) {
				channel.close();
			}
		}
	}

	/**
	 * Connect without blocking until Linux refuses with EAGAIN: the backlog is full.
	 */
	static void fillBacklog(Path socket, List<SocketChannel> queued) throws IOException {
		for (int i = 0; i < 100; i++) {
			SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			channel.configureBlocking(false);
			try {
				channel.connect(UnixDomainSocketAddress.of(socket));
				queued.add(channel);
			}
			catch (IOException ex) {
				channel.close();
				// EAGAIN: a plain SocketException, whatever the locale makes of its text, which UnixConnect retries
				assertThat(ex.getClass()).isEqualTo(SocketException.class);
				assertThat(UnixConnect.isRetryable((SocketException) ex, socket)).isTrue();
				return;
			}
		}
		throw new AssertionError("The backlog of " + socket + " did not fill up after 100 connections");
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
