package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.autoconfigure.TcpProxyProtocolTests.WhoListener;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static io.github.ipcboot.tcp.autoconfigure.ProxyHeaders.concat;
import static io.github.ipcboot.tcp.autoconfigure.ProxyHeaders.v1;
import static io.github.ipcboot.tcp.autoconfigure.ProxyHeaders.v2;
import static io.github.ipcboot.tcp.autoconfigure.TcpProxyProtocolTests.line;
import static io.github.ipcboot.tcp.autoconfigure.TcpProxyProtocolTests.rejected;
import static io.github.ipcboot.tcp.autoconfigure.TcpProxyProtocolTests.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Peers that attack a server behind a load balancer through the PROXY protocol header (or that
 * reach it without a balancer), next to a well-behaved client that must be served throughout:
 * each is closed and counted as a {@code proxy_protocol} rejection, within the header timeout at
 * the latest.
 */
class TcpProxyProtocolHostileClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** How long the dribbling peer waits between two bytes: its header would take over 6 s. */
	private static final long DRIBBLE_MILLIS = 150;

	final ApplicationContextRunner contextRunner = TcpProxyProtocolTests.edgeServer()
		.withPropertyValues("ipc.tcp.servers.edge.proxy-protocol.header-timeout=1s");

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = ThreadMode.SEPARATE_THREAD)
	void badHeadersShouldBeClosedAndCountedWhileAWellBehavedClientIsServed(String ioMode) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.edge.io-mode=" + ioMode).run((context) -> {
			int port = context.getBean(TcpServers.class).port("edge");
			try (LineClient good = new LineClient(port); LineClient silent = new LineClient(port);
					LineClient dribbling = new LineClient(port); LineClient junk = new LineClient(port);
					LineClient endless = new LineClient(port); LineClient huge = new LineClient(port);
					LineClient direct = new LineClient(port); LineClient truncated = new LineClient(port)) {
				good.write(concat(v1("203.0.113.7", 40000, port), line("before")));
				assertThat(good.readLine()).isEqualTo("203.0.113.7:40000 before");
				Thread dribbler = dribble(dribbling, v1("203.0.113.66", 40000, port));
				junk.write(filled(64 * 1024, 'x'));
				endless.write(concat("PROXY TCP4 ".getBytes(StandardCharsets.US_ASCII), filled(200, '1')));
				huge.write(concat(Arrays.copyOf(v2("198.51.100.9", 1, port, new byte[0]), 14), new byte[] {
						(byte) 0xFF, (byte) 0xFF }));
				direct.write(line("no header at all"));
				truncated.write(Arrays.copyOf(v2("198.51.100.9", 1, port, new byte[0]), 20));
				truncated.shutdownOutput();
				for (LineClient hostile : new LineClient[] { silent, dribbling, junk, endless, huge, direct,
						truncated }) {
					assertThat(hostile.isClosedByServer()).isTrue();
				}
				assertThat(good.request("after")).isEqualTo("203.0.113.7:40000 after");
				dribbler.join(TIMEOUT.toMillis());
				assertThat(dribbler.isAlive()).isFalse();
			}
			await().atMost(TIMEOUT).until(() -> rejected(context, "proxy_protocol") == 7);
			// the silent and the dribbling peer at least (on a machine slow enough to take a second
			// to read them, a junk peer may be closed by the timeout too; it is counted once either way)
			assertThat(closed(context, "handshake_timeout")).isGreaterThanOrEqualTo(2);
			assertThat(context.getBean(WhoListener.class).lines).containsExactly("before", "after");
			await().atMost(TIMEOUT).until(() -> server(context).getGate().getActive() == 0);
			assertThat(rejected(context, "proxy_protocol")).isEqualTo(7);
		});
	}

	/**
	 * Write a header one byte at a time, {@value #DRIBBLE_MILLIS} ms apart, until the server
	 * closes the connection (the pause is the attack, not a synchronisation).
	 */
	private static Thread dribble(LineClient client, byte[] header) {
		Thread thread = new Thread(() -> {
			try {
				for (byte b : header) {
					client.write(new byte[] { b });
					Thread.sleep(DRIBBLE_MILLIS);
				}
			}
			catch (IOException ex) {
				// closed by the server: the end of the attack
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "dribbling-peer");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private static byte[] filled(int length, char value) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, (byte) value);
		return bytes;
	}

	private static double closed(ApplicationContext context, String reason) {
		return context.getBean(MeterRegistry.class)
			.get("ipc.tcp.connections.closed")
			.tags("name", "edge", "side", "server", "reason", reason)
			.counter()
			.count();
	}

}
