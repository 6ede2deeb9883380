package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.ipcboot.TestThreads;
import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpClientException;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpConnectException;
import io.github.ipcboot.tcp.TcpReplyTimeoutException;
import io.github.ipcboot.tcp.TestLineServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.ipcboot.tcp.autoconfigure.ClientMeters.closed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every wait of a TCP client is bounded: a peer that never reads an 8 MiB request, and a TLS
 * peer that never answers the ClientHello, fail the request with a typed exception within the
 * configured timeout, free the pool and count the dropped connection; meanwhile a second client
 * of a well-behaved server gets every reply. Both I/O modes.
 */
class TcpClientTimeoutTests {

	private static final int EIGHT_MIB = 8 * 1024 * 1024;

	private static final Duration BOUND = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, TcpAutoConfiguration.class,
				TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("ipc.tcp.clients.hostile.host=127.0.0.1", "ipc.tcp.clients.hostile.pool-size=1",
				"ipc.tcp.clients.good.host=127.0.0.1", "ipc.tcp.clients.good.reply-timeout=10s");

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void requestToAPeerThatNeverReadsShouldTimeOutItsWriteAndFreeThePool(String ioMode) throws IOException {
		writeToAPeerThatNeverReadsShouldTimeOut(ioMode, (client) -> client.request(new byte[EIGHT_MIB]));
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void sendToAPeerThatNeverReadsShouldTimeOutItsWriteAndFreeThePool(String ioMode) throws IOException {
		byte[] large = new byte[EIGHT_MIB];
		Arrays.fill(large, (byte) 'x');
		writeToAPeerThatNeverReadsShouldTimeOut(ioMode, (client) -> client.send(large));
	}

	private void writeToAPeerThatNeverReadsShouldTimeOut(String ioMode, Consumer<TcpClient> largeWrite)
			throws IOException {
		try (TestLineServer hostile = TestLineServer.stalling(1); TestLineServer good = new TestLineServer((line) -> line)) {
			this.contextRunner.withPropertyValues(ports(ioMode, hostile.port(), good.port()))
				.withPropertyValues("ipc.tcp.clients.hostile.reply-timeout=1s")
				.run((context) -> {
					TcpClients clients = context.getBean(TcpClients.class);
					TcpClient client = clients.client("hostile");
					CompletableFuture<Void> wellBehaved = wellBehaved(clients.client("good"));
					long started = System.nanoTime();
					assertThatExceptionOfType(TcpReplyTimeoutException.class).isThrownBy(() -> largeWrite.accept(client))
						.withMessageContaining("could not write the request (8388608 bytes) within PT1S");
					assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
					wellBehaved.get(BOUND.toSeconds() * 3, TimeUnit.SECONDS);
					// the permit came back and the stalled connection is gone: the next request (the
					// server answers from its second connection on) goes through on a pool of one
					assertThat(client.exchange("after", (reply) -> true, BOUND)).containsExactly("OK after");
					assertThat(hostile.connections).hasValue(2);
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(closed(registry, "hostile", "reply_timeout")).isEqualTo(1);
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void silentTlsServerShouldFailTheHandshakeWithinTheConnectTimeout(String ioMode) throws IOException {
		againstASilentTlsServer(ioMode, "500ms", 2, (client) -> {
			for (int attempt = 1; attempt <= 2; attempt++) {
				// the second attempt proves the only permit came back
				assertThatExceptionOfType(TcpConnectException.class).isThrownBy(() -> client.request("hello"))
					.withMessageContaining("TLS handshake")
					.withMessageContaining("did not complete within PT0.5S");
			}
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void tlsHandshakeShouldNeverOutlastTheRequestsTimeout(String ioMode) throws IOException {
		againstASilentTlsServer(ioMode, "30s", 1, (client) -> assertThatExceptionOfType(TcpClientException.class)
			.isThrownBy(() -> client.exchange("hello", (reply) -> true, Duration.ofMillis(500))));
	}

	/**
	 * Make calls of a TLS client of a server that never answers the ClientHello (each call within
	 * {@link #BOUND}, while a well-behaved client gets every reply) and check that no connection
	 * is left open.
	 * @param connections how many connections the calls open
	 */
	private void againstASilentTlsServer(String ioMode, String connectTimeout, int connections,
			Consumer<TcpClient> calls) throws IOException {
		try (TestLineServer silent = TestLineServer.stalling(Integer.MAX_VALUE);
				TestLineServer good = new TestLineServer((line) -> line)) {
			this.contextRunner.withPropertyValues(ports(ioMode, silent.port(), good.port()))
				.withPropertyValues(silentTls(connectTimeout))
				.run((context) -> {
					TcpClients clients = context.getBean(TcpClients.class);
					TcpClient client = clients.client("hostile");
					CompletableFuture<Void> wellBehaved = wellBehaved(clients.client("good"));
					long started = System.nanoTime();
					calls.accept(client);
					assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND.multipliedBy(2));
					wellBehaved.get(BOUND.toSeconds() * 3, TimeUnit.SECONDS);
					assertThat(client.getConnectionRegistry().getOpenConnections()).isZero();
					assertThat(silent.connections).hasValue(connections);
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void requestsExpiredInTheQueueShouldNeitherConnectNorDropConnections(String ioMode) throws Exception {
		try (TestLineServer slow = new TestLineServer(TcpClientTimeoutTests::slowly);
				TestLineServer good = new TestLineServer((line) -> line)) {
			this.contextRunner.withPropertyValues(ports(ioMode, slow.port(), good.port()))
				.withPropertyValues("ipc.tcp.clients.hostile.reply-timeout=1s")
				.run((context) -> {
					TcpClients clients = context.getBean(TcpClients.class);
					TcpClient client = clients.client("hostile");
					CompletableFuture<Void> wellBehaved = wellBehaved(clients.client("good"));
					List<CompletableFuture<String>> replies = new ArrayList<>();
					for (int i = 0; i < 20; i++) {
						replies.add(client.requestAsync("q" + i));
					}
					Map<String, Integer> outcomes = new TreeMap<>();
					for (int i = 0; i < 20; i++) {
						try {
							assertThat(replies.get(i).get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo("OK q" + i);
							outcomes.merge("answered", 1, Integer::sum);
						}
						catch (ExecutionException ex) {
							assertThat(ex.getCause()).isInstanceOf(TcpReplyTimeoutException.class);
							outcomes.merge(ex.getCause().getMessage().replaceAll("^.*\\) ", ""), 1, Integer::sum);
						}
					}
					wellBehaved.get(BOUND.toSeconds() * 3, TimeUnit.SECONDS);
					// one request at a time takes 300 ms: a few are answered, one may time out waiting
					// for its reply, the rest expire before anything of them is written, without a
					// connection dropped (or more than one opened) for them
					assertThat(outcomes).containsKey("answered")
						.containsKey("found no free connection among 1 within PT1S (queued, nothing was sent)");
					// "within PT1S": "could not write the request (N bytes) within PT1S", a write that
					// began right before its deadline on a loaded machine
					assertThat(outcomes.keySet()).isSubsetOf("answered", "got no reply within PT1S", "within PT1S",
							"found no free connection among 1 within PT1S (queued, nothing was sent)",
							"could not write the request within PT1S (waiting for a free connection and connecting"
									+ " took it up; nothing was written)");
					// one request at a time is on the connection: at most one times out once written
					assertThat(outcomes.getOrDefault("got no reply within PT1S", 0) + outcomes.getOrDefault("within PT1S", 0))
						.isLessThanOrEqualTo(1);
					assertThat(slow.connections.get()).isLessThanOrEqualTo(2);
					MeterRegistry registry = context.getBean(MeterRegistry.class);
					assertThat(closed(registry, "hostile", "error")).isZero();
					assertThat(closed(registry, "hostile", "reply_timeout")).isLessThanOrEqualTo(1);
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void connectShouldNeverOutlastTheRequestsTimeout(String ioMode) throws Exception {
		// a server whose accept queue is full: the kernel drops further connection attempts
		try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				TestLineServer good = new TestLineServer((line) -> line)) {
			List<Socket> queued = fillAcceptQueue(full);
			try {
				this.contextRunner.withPropertyValues(ports(ioMode, full.getLocalPort(), good.port()))
					.withPropertyValues("ipc.tcp.clients.hostile.connect-timeout=30s")
					.run((context) -> {
						TcpClients clients = context.getBean(TcpClients.class);
						TcpClient client = clients.client("hostile");
						CompletableFuture<Void> wellBehaved = wellBehaved(clients.client("good"));
						long started = System.nanoTime();
						assertThatExceptionOfType(TcpConnectException.class)
							.isThrownBy(() -> client.exchange("hello", (reply) -> true, Duration.ofMillis(500)))
							.withMessageContaining("could not connect");
						assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
						wellBehaved.get(BOUND.toSeconds() * 3, TimeUnit.SECONDS);
					});
			}
			finally {
				for (Socket socket : queued) {
					socket.close();
				}
			}
		}
	}

	private static List<Socket> fillAcceptQueue(ServerSocket server) {
		List<Socket> queued = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			Socket socket = new Socket();
			queued.add(socket);
			try {
				socket.connect(server.getLocalSocketAddress(), 200);
			}
			catch (IOException ex) {
				// the queue is full
				return queued;
			}
		}
		return queued;
	}

	private static String slowly(String line) {
		try {
			// a slow server, not a synchronisation
			Thread.sleep(300);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return "OK " + line;
	}

	private static String[] silentTls(String connectTimeout) {
		return new String[] { "ipc.tcp.clients.hostile.connect-timeout=" + connectTimeout,
				"ipc.tcp.clients.hostile.reply-timeout=30s", "ipc.tcp.clients.hostile.ssl.bundle=trust",
				"spring.ssl.bundle.jks.trust.truststore.location=file:" + System.getProperty("java.home")
						+ "/lib/security/cacerts",
				"spring.ssl.bundle.jks.trust.truststore.password=changeit" };
	}

	private static String[] ports(String ioMode, int hostilePort, int goodPort) {
		return new String[] { "ipc.tcp.clients.hostile.io-mode=" + ioMode, "ipc.tcp.clients.good.io-mode=" + ioMode,
				"ipc.tcp.clients.hostile.port=" + hostilePort, "ipc.tcp.clients.good.port=" + goodPort };
	}

	/**
	 * Requests of a client of a well-behaved server, while the other client waits.
	 */
	static CompletableFuture<Void> wellBehaved(TcpClient client) {
		return TestThreads.runAsync(() -> {
			for (int i = 0; i < 20; i++) {
				assertThat(client.request("ping " + i)).isEqualTo("ping " + i);
			}
		});
	}

}
