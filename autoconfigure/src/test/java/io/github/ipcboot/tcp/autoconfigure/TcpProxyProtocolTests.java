package io.github.ipcboot.tcp.autoconfigure;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.github.ipcboot.tcp.ConnectionGate;
import io.github.ipcboot.tcp.ConnectionGate.Rejection;
import io.github.ipcboot.tcp.ConnectionRegistry.ConnectionInfo;
import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.TcpSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

import static io.github.ipcboot.tcp.autoconfigure.ProxyHeaders.concat;
import static io.github.ipcboot.tcp.autoconfigure.ProxyHeaders.tlv;
import static io.github.ipcboot.tcp.autoconfigure.ProxyHeaders.v1;
import static io.github.ipcboot.tcp.autoconfigure.ProxyHeaders.v2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A server behind a load balancer (proxy-protocol.enabled) over loopback, in both I/O modes: the
 * balancer here is the test itself, which writes hand-built version 1 and 2 headers before the
 * client's lines. The client's address from the header is what the session, allowed-clients and
 * the per-client limit see.
 */
class TcpProxyProtocolTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	final ApplicationContextRunner contextRunner = edgeServer()
		.withPropertyValues("ipc.tcp.servers.edge.proxy-protocol.trusted-proxies=127.0.0.0/8");

	/**
	 * Return the runner of a server 'edge' on 127.0.0.1 with the PROXY protocol, whose listener
	 * answers each line with the client's address.
	 */
	static ApplicationContextRunner edgeServer() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withUserConfiguration(WhoListener.class)
			.withPropertyValues("ipc.tcp.servers.edge.port=0", "ipc.tcp.servers.edge.address=127.0.0.1",
					"ipc.tcp.servers.edge.proxy-protocol.enabled=true");
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void headersFromAnyPeerShouldBeWarnedAboutAtStartUp(CapturedOutput output) {
		edgeServer().run((context) -> assertThat(output).contains(
				"TCP server 'edge' takes PROXY protocol headers from any peer",
				"ipc.tcp.servers.edge.proxy-protocol.trusted-proxies"));
		this.contextRunner.run((context) -> assertThat(output.toString().split("from any peer", -1)).hasSize(2));
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void v1HeaderAndFirstFrameInOneWriteShouldServeTheFrameWithTheClientsAddress(String ioMode) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.edge.io-mode=" + ioMode).run((context) -> {
			int port = context.getBean(TcpServers.class).port("edge");
			try (LineClient client = new LineClient(port)) {
				client.write(concat(v1("203.0.113.7", 40000, port), line("hello")));
				assertThat(client.readLine()).isEqualTo("203.0.113.7:40000 hello");
				assertThat(client.request("again")).isEqualTo("203.0.113.7:40000 again");
				List<ConnectionInfo> open = server(context).getConnectionRegistry().getConnections();
				assertThat(open).extracting(ConnectionInfo::remoteAddress).containsExactly("203.0.113.7:40000");
			}
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void v2HeadersWithTlvsShouldServeTheClientsIpv4AndIpv6Address(String ioMode) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.edge.io-mode=" + ioMode).run((context) -> {
			int port = context.getBean(TcpServers.class).port("edge");
			byte[] tlvs = concat(tlv(0x02, "orders.example"), tlv(0x04, "padding"));
			try (LineClient ipv4 = new LineClient(port); LineClient ipv6 = new LineClient(port)) {
				ipv4.write(concat(v2("198.51.100.9", 51000, port, tlvs), line("over v4")));
				assertThat(ipv4.readLine()).isEqualTo("198.51.100.9:51000 over v4");
				// the header alone, then the frame
				ipv6.write(v2("2001:db8::7", 443, port, tlvs));
				assertThat(ipv6.request("over v6")).isEqualTo("2001:db8:0:0:0:0:0:7:443 over v6");
			}
			assertThat(rejected(context, "proxy_protocol")).isZero();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void v2LocalCommandShouldKeepTheBalancersOwnAddress(String ioMode) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.edge.io-mode=" + ioMode).run((context) -> {
			int port = context.getBean(TcpServers.class).port("edge");
			try (LineClient check = new LineClient(port)) {
				check.write(concat(ProxyHeaders.v2Local(), line("health")));
				assertThat(check.readLine()).isEqualTo("127.0.0.1:" + check.localPort() + " health");
			}
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void allowedClientsShouldAdmitAndRefuseByTheClientsAddress(String ioMode) {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.edge.io-mode=" + ioMode,
					"ipc.tcp.servers.edge.allowed-clients=203.0.113.0/24")
			.run((context) -> {
				int port = context.getBean(TcpServers.class).port("edge");
				try (LineClient allowed = new LineClient(port); LineClient refused = new LineClient(port)) {
					allowed.write(concat(v1("203.0.113.7", 40000, port), line("in")));
					refused.write(concat(v1("198.51.100.1", 40001, port), line("out")));
					assertThat(allowed.readLine()).isEqualTo("203.0.113.7:40000 in");
					assertThat(refused.isClosedByServer()).isTrue();
					assertThat(allowed.request("still in")).isEqualTo("203.0.113.7:40000 still in");
				}
				ConnectionGate gate = server(context).getGate();
				assertThat(gate.getRejected(Rejection.NOT_ALLOWED)).isEqualTo(1);
				assertThat(rejected(context, "not_allowed")).isEqualTo(1);
				assertThat(context.getBean(WhoListener.class).lines).containsExactly("in", "still in");
				await().atMost(TIMEOUT).until(() -> gate.getActive() == 0);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void limitPerClientShouldCountTheClientsAddressNotTheBalancers(String ioMode) {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.edge.io-mode=" + ioMode,
					"ipc.tcp.servers.edge.max-connections-per-client=1")
			.run((context) -> {
				int port = context.getBean(TcpServers.class).port("edge");
				try (LineClient first = new LineClient(port); LineClient other = new LineClient(port);
						LineClient second = new LineClient(port)) {
					first.write(concat(v1("203.0.113.7", 40000, port), line("first")));
					assertThat(first.readLine()).isEqualTo("203.0.113.7:40000 first");
					other.write(concat(v1("203.0.113.8", 40000, port), line("other")));
					assertThat(other.readLine()).isEqualTo("203.0.113.8:40000 other");
					second.write(concat(v1("203.0.113.7", 40001, port), line("second")));
					assertThat(second.isClosedByServer()).isTrue();
					assertThat(first.request("first again")).isEqualTo("203.0.113.7:40000 first again");
				}
				ConnectionGate gate = server(context).getGate();
				assertThat(gate.getRejected(Rejection.MAX_CONNECTIONS_PER_CLIENT)).isEqualTo(1);
				await().atMost(TIMEOUT).until(() -> gate.getActive() == 0);
				// the client's slot is given back with its connection
				assertThat(gate.getActive(InetAddress.getByName("203.0.113.7"))).isZero();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void balancerOutsideTheTrustedProxiesShouldBeClosedBeforeReading(String ioMode) {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.edge.io-mode=" + ioMode,
					"ipc.tcp.servers.edge.proxy-protocol.trusted-proxies=10.0.0.0/8")
			.run((context) -> {
				int port = context.getBean(TcpServers.class).port("edge");
				try (LineClient client = new LineClient(port)) {
					client.write(concat(v1("203.0.113.7", 40000, port), line("spoofed")));
					assertThat(client.isClosedByServer()).isTrue();
				}
				assertThat(server(context).getGate().getRejected(Rejection.NOT_ALLOWED)).isEqualTo(1);
				assertThat(context.getBean(WhoListener.class).lines).isEmpty();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void connectionClosedBeforeItsFirstByteShouldNotCountAsABadHeader(String ioMode) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.edge.io-mode=" + ioMode).run((context) -> {
			int port = context.getBean(TcpServers.class).port("edge");
			new LineClient(port).close();
			await().atMost(TIMEOUT).until(() -> server(context).getGate().getActive() == 0);
			try (LineClient client = new LineClient(port)) {
				client.write(concat(v1("203.0.113.7", 40000, port), line("after a check")));
				assertThat(client.readLine()).isEqualTo("203.0.113.7:40000 after a check");
			}
			assertThat(rejected(context, "proxy_protocol")).isZero();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void connectionAwaitingItsHeaderShouldGiveItsPlaceBackWhenTheServerStops(String ioMode) throws Exception {
		AtomicReference<ConnectionGate> gate = new AtomicReference<>();
		try (Socket waiting = new Socket()) {
			this.contextRunner.withPropertyValues("ipc.tcp.servers.edge.io-mode=" + ioMode).run((context) -> {
				gate.set(server(context).getGate());
				waiting.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(),
						context.getBean(TcpServers.class).port("edge")), 10_000);
				waiting.getOutputStream().write("PROXY TCP4 ".getBytes(StandardCharsets.US_ASCII));
				await().atMost(TIMEOUT).until(() -> gate.get().getActive() == 1);
			});
			assertThat(gate.get().getActive()).isZero();
			waiting.setSoTimeout(10_000);
			assertThat(waiting.getInputStream().read()).isEqualTo(-1);
		}
	}

	static byte[] line(String text) {
		return (text + "\r\n").getBytes(StandardCharsets.UTF_8);
	}

	static TcpServer server(ApplicationContext context) {
		return context.getBean(TcpServers.class).get("edge");
	}

	static double rejected(ApplicationContext context, String reason) {
		return context.getBean(MeterRegistry.class)
			.get("ipc.tcp.connections.rejected")
			.tags("name", "edge", "side", "server", "reason", reason)
			.counter()
			.count();
	}

	@Configuration(proxyBeanMethods = false)
	static class WhoListener {

		final List<String> lines = new CopyOnWriteArrayList<>();

		@TcpListener("edge")
		String onLine(String line, TcpSession session) {
			this.lines.add(line);
			return session.remoteAddress().getAddress().getHostAddress() + ":" + session.remoteAddress().getPort()
					+ " " + line;
		}

	}

}
