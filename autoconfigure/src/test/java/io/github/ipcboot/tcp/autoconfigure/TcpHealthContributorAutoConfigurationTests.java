package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.TestThreads;
import io.github.ipcboot.shutdown.autoconfigure.ShutdownAutoConfiguration;
import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpClientException;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.actuate.TcpClientsHealthIndicator;
import io.github.ipcboot.tcp.actuate.TcpServersHealthIndicator;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfigurationTests.AckListener;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TcpHealthContributorAutoConfiguration} and its health indicators, with real
 * servers and clients on 127.0.0.1.
 */
class TcpHealthContributorAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpHealthContributorAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class))
		.withUserConfiguration(AckListener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1");

	@Test
	void configuredServerShouldContributeTcpServersHealthThatIsUpWhileListening() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TcpServersHealthIndicator.class)
				.doesNotHaveBean(TcpClientsHealthIndicator.class);
			assertThat(context.getBean(HealthContributorRegistry.class).getContributor("tcpServers"))
				.isSameAs(context.getBean(TcpServersHealthIndicator.class));
			Health health = context.getBean(TcpServersHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsOnlyKeys("echo");
			assertThat(serverDetails(health)).containsEntry("listening", true)
				.containsEntry("draining", false)
				.containsEntry("port", context.getBean(TcpServers.class).port("echo"))
				.containsEntry("activeConnections", 0)
				.containsEntry("maxConnections", 1_000);
		});
	}

	@Test
	void serverThatIsNotListeningShouldMakeTcpServersHealthDown() {
		this.contextRunner.run((context) -> {
			context.getBean(TcpServers.class).stop();
			Health health = context.getBean(TcpServersHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(serverDetails(health)).containsEntry("listening", false).doesNotContainKey("port");
		});
	}

	@Test
	void drainingServerShouldMakeTcpServersHealthOutOfService() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
					TcpAutoConfiguration.class, ShutdownAutoConfiguration.class,
					TcpHealthContributorAutoConfiguration.class))
			.withUserConfiguration(TcpServerMetricsTests.Listener.class)
			.withPropertyValues("ipc.shutdown.handle-signals=false", "ipc.tcp.servers.echo.port=0",
					"ipc.tcp.servers.echo.address=127.0.0.1")
			.run((context) -> {
				TcpServer server = context.getBean(TcpServers.class).get("echo");
				TcpServersHealthIndicator indicator = context.getBean(TcpServersHealthIndicator.class);
				int port = server.getPort();
				try (LineClient busy = new LineClient(port)) {
					busy.send("wait");
					await().atMost(TIMEOUT).until(() -> server.getActiveConnections() == 1);
					CompletableFuture<Void> closed = TestThreads.runAsync(context::close);
					await().atMost(TIMEOUT).until(server::isDraining);
					Health health = indicator.health();
					assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
					assertThat(serverDetails(health)).containsEntry("draining", true).containsEntry("port", port);
					context.getBean(TcpServerMetricsTests.Listener.class).release.countDown();
					assertThat(busy.readLine()).isEqualTo("ACK wait");
					closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
				}
			});
	}

	@Test
	void tcpServersHealthShouldBeAbsentWhenDisabled() {
		this.contextRunner.withPropertyValues("management.health.tcpservers.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TcpServersHealthIndicator.class));
	}

	@Test
	void healthShouldBeAbsentWithoutTheHealthModule() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpHealthContributorAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.withUserConfiguration(AckListener.class)
			.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
					"ipc.tcp.clients.pricing.host=127.0.0.1", "ipc.tcp.clients.pricing.port=1")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TcpServersHealthIndicator.class)
				.doesNotHaveBean(TcpClientsHealthIndicator.class));
	}

	@Test
	void configuredClientShouldContributeTcpClientsHealthThatStaysUpWhenThePeerIsDown() throws IOException {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpHealthContributorAutoConfiguration.class,
					HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class))
			.withPropertyValues("ipc.tcp.clients.pricing.host=127.0.0.1", "ipc.tcp.clients.pricing.port=" + closedPort())
			.run((context) -> {
				assertThat(context).hasSingleBean(TcpClientsHealthIndicator.class)
					.doesNotHaveBean(TcpServersHealthIndicator.class);
				assertThat(context.getBean(HealthContributorRegistry.class).getContributor("tcpClients")).isNotNull();
				TcpClientsHealthIndicator indicator = context.getBean(TcpClientsHealthIndicator.class);
				assertThat(clientDetails(indicator.health())).containsEntry("lastConnect", "none")
					.containsEntry("host", "127.0.0.1")
					.containsEntry("openConnections", 0);
				assertThatExceptionOfType(TcpClientException.class)
					.isThrownBy(() -> context.getBean(TcpClients.class).client("pricing").request("hi"));
				Health health = indicator.health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(clientDetails(health)).containsEntry("lastConnect", "failure")
					.containsKeys("lastConnectAt", "lastConnectError");
			});
	}

	@Test
	void unreachablePeerShouldMakeTcpClientsHealthDownWhenConfiguredSo() throws IOException {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpHealthContributorAutoConfiguration.class))
			.withPropertyValues("ipc.tcp.clients.pricing.host=127.0.0.1", "ipc.tcp.clients.pricing.port=" + closedPort(),
					"management.health.tcpclients.fail-when-unreachable=true")
			.run((context) -> {
				TcpClientsHealthIndicator indicator = context.getBean(TcpClientsHealthIndicator.class);
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
				assertThatExceptionOfType(TcpClientException.class)
					.isThrownBy(() -> context.getBean(TcpClients.class).client("pricing").request("hi"));
				assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
			});
	}

	@Test
	void reachablePeerShouldKeepTcpClientsHealthUpAndSaySoEvenWhenUnreachableIsDown() {
		this.contextRunner.run((server) -> {
			int port = server.getBean(TcpServers.class).port("echo");
			new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(TcpAutoConfiguration.class, TcpHealthContributorAutoConfiguration.class))
				.withPropertyValues("ipc.tcp.clients.pricing.host=127.0.0.1", "ipc.tcp.clients.pricing.port=" + port,
						"management.health.tcpclients.fail-when-unreachable=true")
				.run((context) -> {
					assertThat(context.getBean(TcpClients.class).client("pricing").request("hi")).isEqualTo("ACK hi");
					Health health = context.getBean(TcpClientsHealthIndicator.class).health();
					assertThat(health.getStatus()).isEqualTo(Status.UP);
					assertThat(clientDetails(health)).containsEntry("lastConnect", "success")
						.containsEntry("port", port)
						.containsEntry("openConnections", 1)
						.containsKey("lastConnectAt")
						.doesNotContainKey("lastConnectError");
				});
		});
	}

	@Test
	void tcpClientsHealthShouldBeAbsentWhenDisabled() {
		this.contextRunner
			.withPropertyValues("ipc.tcp.clients.pricing.host=127.0.0.1", "ipc.tcp.clients.pricing.port=1",
					"management.health.tcpclients.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TcpClientsHealthIndicator.class)
				.hasSingleBean(TcpServersHealthIndicator.class));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> serverDetails(Health health) {
		return (Map<String, Object>) health.getDetails().get("echo");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> clientDetails(Health health) {
		return (Map<String, Object>) health.getDetails().get("pricing");
	}

	private static int closedPort() throws IOException {
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return probe.getLocalPort();
		}
	}

}
