package io.github.ipcboot.tcp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.framing.FrameCodec;
import io.github.ipcboot.framing.Framing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A NIO server whose connection threads are all busy delays reads instead of closing live
 * connections: a pool of two threads (the selector, and the read of a connection whose listener
 * holds that thread: the starter's read path handles frames on the thread that read them) cannot
 * serve a second client until the listener returns, and then serves it.
 */
class NioConnectionThreadsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private final ConnectionThreads threads = new ConnectionThreads("tiny-", 2, false);

	private final TcpNioServerConnectionFactory factory = new TcpNioServerConnectionFactory(0);

	@AfterEach
	void stop() {
		this.factory.stop();
		this.threads.close();
		this.scheduler.shutdown();
	}

	@Test
	void fullPoolShouldDelayReadsAndNeverCloseALiveConnection() throws Exception {
		ConnectionRegistry registry = ConnectionRegistry.standalone();
		HoldingListener listener = new HoldingListener();
		int port = start(registry, listener);
		try (LineClient holder = new LineClient(port); LineClient waiting = new LineClient(port)) {
			holder.send("HOLD");
			assertThat(listener.holding.await(10, TimeUnit.SECONDS)).isTrue();
			waiting.send("hello");
			// the read of the second client found no thread, more than once
			await().atMost(TIMEOUT).until(() -> this.threads.getRejectedTasks() >= 2);
			assertThat(registry.getOpenConnections()).isEqualTo(2);
			listener.release.countDown();
			assertThat(holder.readLine()).isEqualTo("HELD");
			assertThat(waiting.readLine()).isEqualTo("ACK hello");
			assertThat(waiting.request("again")).isEqualTo("ACK again");
			assertThat(registry.getOpenConnections()).isEqualTo(2);
		}
	}

	private int start(ConnectionRegistry registry, Object listener) throws IOException {
		ConnectionGate gate = new ConnectionGate("tiny", 10, List.of());
		this.factory.setTcpNioConnectionSupport(new GatedTcpNioConnectionSupport(gate, null, registry, 1 << 20));
		FrameCodec codec = Framing.line().createCodec();
		this.factory.setSerializer(codec);
		this.factory.setDeserializer(codec);
		this.factory.setLocalAddress("127.0.0.1");
		this.scheduler.initialize();
		this.factory.setTaskScheduler(this.scheduler);
		this.factory.setTaskExecutor(this.threads);
		ServerMessageMapper mapper = new ServerMessageMapper("tiny", ServerErrorPolicy.CLOSE, StandardCharsets.UTF_8);
		mapper.setApplySequence(true);
		this.factory.setMapper(mapper);
		TcpServerDispatcher dispatcher = new TcpServerDispatcher("tiny",
				new ListenerMethod(listener, ReflectionUtils.findMethod(HoldingListener.class, "onLine", String.class)),
				StandardCharsets.UTF_8, ServerErrorPolicy.CLOSE);
		this.factory.registerListener(dispatcher);
		this.factory.registerSender(dispatcher);
		this.factory.start();
		await().atMost(TIMEOUT).until(this.factory::isListening);
		return this.factory.getPort();
	}

	static class HoldingListener {

		final CountDownLatch holding = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		String onLine(String line) throws InterruptedException {
			if (line.equals("HOLD")) {
				this.holding.countDown();
				this.release.await(30, TimeUnit.SECONDS);
				return "HELD";
			}
			return "ACK " + line;
		}

	}

}
