package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import io.github.ipcboot.tcp.ConnectionGate;
import io.github.ipcboot.tcp.ConnectionGate.Rejection;
import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of what a server admits before it reads a byte: connections per client address and IPv6
 * allowed ranges, in both I/O modes over loopback.
 */
class TcpAdmissionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final InetAddress IPV6_LOOPBACK = ipv6Loopback();

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(TcpAutoConfigurationTests.AckListener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1");

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void connectionOverTheLimitPerClientShouldBeClosedAtOnceWhileTheOthersAreServed(String ioMode) {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + ioMode,
					"ipc.tcp.servers.echo.max-connections-per-client=2")
			.run((context) -> {
				int port = context.getBean(TcpServers.class).port("echo");
				ConnectionGate gate = context.getBean(TcpServers.class).get("echo").getGate();
				InetAddress client = InetAddress.getLoopbackAddress();
				try (LineClient first = new LineClient(port); LineClient second = new LineClient(port)) {
					assertThat(first.request("one")).isEqualTo("ACK one");
					assertThat(second.request("two")).isEqualTo("ACK two");
					try (LineClient third = new LineClient(port)) {
						assertThat(third.isClosedByServer()).isTrue();
					}
					assertThat(gate.getRejected(Rejection.MAX_CONNECTIONS_PER_CLIENT)).isEqualTo(1);
					assertThat(rejected(context.getBean(MeterRegistry.class), "max_connections_per_client"))
						.isEqualTo(1);
					assertThat(first.request("still one")).isEqualTo("ACK still one");
					assertThat(second.request("still two")).isEqualTo("ACK still two");
					first.close();
					// the slot is given back on close: a new connection from the same address is served
					await().atMost(TIMEOUT).until(() -> gate.getActive(client) == 1);
					try (LineClient fourth = new LineClient(port)) {
						assertThat(fourth.request("four")).isEqualTo("ACK four");
						assertThat(second.request("two again")).isEqualTo("ACK two again");
					}
				}
				// addresses without connections are forgotten: the count per address stays bounded
				await().atMost(TIMEOUT).until(() -> gate.getActive() == 0);
				assertThat(gate.getActive(client)).isZero();
				assertThat(gate.getRejected(Rejection.MAX_CONNECTIONS_PER_CLIENT)).isEqualTo(1);
				assertThat(gate.getRejected(Rejection.MAX_CONNECTIONS)).isZero();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void connectionsWithoutALimitPerClientShouldAllBeServed(String ioMode) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + ioMode).run((context) -> {
			int port = context.getBean(TcpServers.class).port("echo");
			ConnectionGate gate = context.getBean(TcpServers.class).get("echo").getGate();
			LineClient[] clients = new LineClient[5];
			try {
				for (int i = 0; i < clients.length; i++) {
					clients[i] = new LineClient(port);
				}
				for (int i = 0; i < clients.length; i++) {
					assertThat(clients[i].request("client " + i)).isEqualTo("ACK client " + i);
				}
				assertThat(gate.getMaxConnectionsPerClient()).isZero();
				assertThat(gate.getActive(InetAddress.getLoopbackAddress())).isZero();
			}
			finally {
				for (LineClient client : clients) {
					if (client != null) {
						client.close();
					}
				}
			}
			assertThat(rejected(context.getBean(MeterRegistry.class), "max_connections_per_client")).isZero();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void ipv6RangeShouldAdmitAClientOfAnIpv6LoopbackServer(String ioMode) {
		assumeIpv6Loopback();
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + ioMode, "ipc.tcp.servers.echo.address=::1",
					"ipc.tcp.servers.echo.allowed-clients=10.0.0.0/8,::1/128")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				int port = context.getBean(TcpServers.class).port("echo");
				try (LineClient client = new LineClient(new Socket(IPV6_LOOPBACK, port))) {
					assertThat(client.request("over IPv6")).isEqualTo("ACK over IPv6");
				}
				ConnectionGate gate = context.getBean(TcpServers.class).get("echo").getGate();
				assertThat(gate.getRejected(Rejection.NOT_ALLOWED)).isZero();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void ipv6ClientOutsideTheIpv6RangesShouldBeClosedBeforeReading(String ioMode) {
		assumeIpv6Loopback();
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + ioMode, "ipc.tcp.servers.echo.address=::1",
					"ipc.tcp.servers.echo.allowed-clients=127.0.0.0/8,fe80::/10,::2/128")
			.run((context) -> {
				int port = context.getBean(TcpServers.class).port("echo");
				try (LineClient client = new LineClient(new Socket(IPV6_LOOPBACK, port))) {
					client.send("let me in");
					assertThat(client.isClosedByServer()).isTrue();
				}
				ConnectionGate gate = context.getBean(TcpServers.class).get("echo").getGate();
				assertThat(gate.getRejected(Rejection.NOT_ALLOWED)).isEqualTo(1);
				assertThat(context.getBean(TcpAutoConfigurationTests.AckListener.class).calls).isZero();
			});
	}

	private static double rejected(MeterRegistry registry, String reason) {
		return registry.get("ipc.tcp.connections.rejected")
			.tags("name", "echo", "side", "server", "reason", reason)
			.counter()
			.count();
	}

	/**
	 * The one exception to "127.0.0.1 only": IPv6 ranges are proven on the IPv6 loopback, where
	 * the machine has one.
	 */
	private static void assumeIpv6Loopback() {
		try (ServerSocket probe = new ServerSocket()) {
			probe.bind(new InetSocketAddress(IPV6_LOOPBACK, 0));
		}
		catch (IOException ex) {
			String reason = "Skipped: this machine has no IPv6 loopback (::1): " + ex;
			System.out.println(reason);
			Assumptions.abort(reason);
		}
	}

	private static InetAddress ipv6Loopback() {
		try {
			return InetAddress.getByAddress(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 });
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
