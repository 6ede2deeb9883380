package io.github.ipcboot.benchmarks.framing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.framing.Framing;
import io.github.ipcboot.tcp.BufferedTcpNetConnectionSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayCrLfSerializer;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Frames received per second by a Spring Integration server connection factory over a real
 * loopback connection: one client writes batches of 1,000 lines of 64 bytes + CRLF, the server's
 * listener counts them. Compares the starter's {@code line} codec (with
 * {@link BufferedTcpNetConnectionSupport} on Net) to Spring Integration's
 * {@link ByteArrayCrLfSerializer}, for blocking (Net) and NIO connections.
 */
@State(Scope.Benchmark)
public class LoopbackDecodeBenchmark extends ThroughputSettings {

	private static final int BATCH = 1000;

	@Param({ "net", "nio" })
	String io;

	@Param({ "ipc", "springIntegration" })
	String codec;

	private final Semaphore received = new Semaphore(0);

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	private AbstractServerConnectionFactory server;

	private Socket client;

	private OutputStream out;

	private byte[] batch;

	@Setup
	@SuppressWarnings("unchecked")
	public void setUp() throws Exception {
		this.batch = StreamData.frames(64, new byte[] { '\r', '\n' });
		this.batch = java.util.Arrays.copyOf(this.batch, BATCH * 66);
		if ("net".equals(this.io)) {
			TcpNetServerConnectionFactory net = new TcpNetServerConnectionFactory(0);
			if ("ipc".equals(this.codec)) {
				net.setTcpNetConnectionSupport(new BufferedTcpNetConnectionSupport());
			}
			this.server = net;
		}
		else {
			this.server = new TcpNioServerConnectionFactory(0);
		}
		Object codec = "ipc".equals(this.codec) ? Framing.line().createCodec() : new ByteArrayCrLfSerializer();
		this.server.setSerializer((Serializer<?>) codec);
		this.server.setDeserializer((Deserializer<?>) codec);
		this.server.setLocalAddress("127.0.0.1");
		this.scheduler.initialize();
		this.server.setTaskScheduler(this.scheduler);
		this.server.registerListener((message) -> this.received.release());
		this.server.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!this.server.isListening() && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		this.client = new Socket(InetAddress.getLoopbackAddress(), this.server.getPort());
		this.client.setTcpNoDelay(true);
		this.out = this.client.getOutputStream();
	}

	@TearDown
	public void tearDown() throws IOException {
		this.client.close();
		this.server.stop();
		this.scheduler.shutdown();
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void receiveBatch() throws Exception {
		this.out.write(this.batch);
		this.out.flush();
		if (!this.received.tryAcquire(BATCH, 30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("server did not receive " + BATCH + " frames in 30 s");
		}
	}

}
