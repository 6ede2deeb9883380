package io.github.ipcboot.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ipcboot.framing.FrameCodec;
import io.github.ipcboot.framing.FrameInputStream;
import io.github.ipcboot.framing.Framing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.messaging.Message;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real loopback connections through Spring Integration's connection factories with the frame
 * codecs: blocking ({@code Net}) with {@link BufferedTcpNetConnectionSupport}, and NIO.
 */
class BufferedTcpNetConnectionSupportTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final List<TcpConnection> opened = new CopyOnWriteArrayList<>();

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private AbstractServerConnectionFactory server;

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.stop();
		}
		this.scheduler.shutdown();
	}

	@Test
	void netConnectionShouldDecodeManyFramesPerReadThroughOneStableBufferedStream() throws IOException {
		TcpNetServerConnectionFactory factory = new TcpNetServerConnectionFactory(0);
		factory.setTcpNetConnectionSupport(new BufferedTcpNetConnectionSupport());
		int port = start(factory, Framing.line());
		StringBuilder batch = new StringBuilder();
		for (int i = 0; i < 1000; i++) {
			batch.append("line ").append(i).append("\r\n");
		}
		AtomicInteger socketReads = new AtomicInteger();
		try (Socket client = connect(port)) {
			OutputStream out = client.getOutputStream();
			out.write("first\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			await().atMost(TIMEOUT).until(() -> this.received.size() == 1);
			TcpConnection connection = this.opened.get(0);
			assertThat(connection.getDeserializerStateKey()).isInstanceOf(FrameInputStream.class);
			FrameInputStream stream = (FrameInputStream) connection.getDeserializerStateKey();
			// counts every read from the socket from now on (this server writes no replies, so the
			// flush the connection runs there is not needed)
			stream.setBeforeSourceRead(socketReads::incrementAndGet);
			out.write(batch.append("split ").toString().getBytes(StandardCharsets.US_ASCII));
			out.flush();
			await().atMost(TIMEOUT).until(() -> this.received.size() == 1001);
			out.write("across writes\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			await().atMost(TIMEOUT).until(() -> this.received.size() == 1002);
			assertThat(connection.getDeserializerStateKey()).as("one stream for the connection's life").isSameAs(stream);
		}
		assertThat(this.received).startsWith("first", "line 0", "line 1").endsWith("line 999", "split across writes");
		// about 11 KB in two writes: a few reads of up to 8 KB, where reading byte by byte (or a
		// stream per frame) would take one read per byte (or per frame)
		assertThat(socketReads.get()).as("socket reads for 1001 frames").isBetween(1, 20);
	}

	@Test
	void nioConnectionShouldDeliverEveryFrameOfAWriteWithoutWaitingForMoreData() throws IOException {
		TcpNioServerConnectionFactory factory = new TcpNioServerConnectionFactory(0);
		int port = start(factory, Framing.terminator("\\r\\n\\r\\n"));
		try (Socket client = connect(port)) {
			OutputStream out = client.getOutputStream();
			out.write("first\r\n\r\nsecond\r\n\r\nthi".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			await().atMost(TIMEOUT).until(() -> this.received.size() == 2);
			out.write("rd\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			await().atMost(TIMEOUT).until(() -> this.received.size() == 3);
		}
		// Spring Integration's NIO connections may hand frames of one socket to different threads
		assertThat(this.received).containsExactlyInAnyOrder("first", "second", "third");
	}

	@Test
	void oversizedFrameShouldCloseOnlyItsOwnConnection() throws IOException {
		TcpNetServerConnectionFactory factory = new TcpNetServerConnectionFactory(0);
		factory.setTcpNetConnectionSupport(new BufferedTcpNetConnectionSupport());
		int port = start(factory, Framing.line().withMaxFrameSize(16));
		try (Socket good = connect(port); Socket bad = connect(port)) {
			bad.getOutputStream().write(("x".repeat(10_000) + "\n").getBytes(StandardCharsets.US_ASCII));
			bad.setSoTimeout((int) TIMEOUT.toMillis());
			InputStream badIn = bad.getInputStream();
			assertThat(badIn.read()).as("server closes the connection").isEqualTo(-1);
			good.getOutputStream().write("still served\n".getBytes(StandardCharsets.US_ASCII));
			await().atMost(TIMEOUT).until(() -> this.received.contains("still served"));
		}
	}

	private int start(AbstractServerConnectionFactory factory, Framing framing) {
		this.server = factory;
		FrameCodec codec = framing.createCodec();
		this.scheduler.initialize();
		factory.setTaskScheduler(this.scheduler);
		factory.setLocalAddress("127.0.0.1");
		factory.setSerializer(codec);
		factory.setDeserializer(codec);
		factory.setApplicationEventPublisher(new ApplicationEventPublisher() {

			@Override
			public void publishEvent(ApplicationEvent event) {
				if (event instanceof TcpConnectionOpenEvent open) {
					BufferedTcpNetConnectionSupportTests.this.opened.add((TcpConnection) open.getSource());
				}
			}

			@Override
			public void publishEvent(Object event) {
			}

		});
		factory.registerListener(this::onMessage);
		factory.start();
		await().atMost(TIMEOUT).until(factory::isListening);
		return factory.getPort();
	}

	private void onMessage(Message<?> message) {
		// read failures arrive as ErrorMessages
		if (message.getPayload() instanceof byte[] frame) {
			this.received.add(new String(frame, StandardCharsets.UTF_8));
		}
	}

	private static Socket connect(int port) throws IOException {
		return new Socket(InetAddress.getLoopbackAddress(), port);
	}

}
