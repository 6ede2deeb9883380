package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.ipcboot.tcp.ConnectionRegistry.ConnectionInfo;
import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.actuate.TcpEndpoint;
import io.github.ipcboot.tcp.actuate.TcpEndpoint.ClientDescriptor;
import io.github.ipcboot.tcp.actuate.TcpEndpoint.CloseResult;
import io.github.ipcboot.tcp.actuate.TcpEndpoint.ProxyProtocolDescriptor;
import io.github.ipcboot.tcp.actuate.TcpEndpoint.ServerDescriptor;
import io.github.ipcboot.tcp.actuate.TcpEndpoint.TlsDescriptor;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfigurationTests.AckListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TcpEndpointAutoConfiguration} and the {@code tcp} endpoint, with a real server
 * and client on 127.0.0.1.
 */
class TcpEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpEndpointAutoConfiguration.class))
		.withUserConfiguration(AckListener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
				"ipc.tcp.clients.pricing.host=127.0.0.1", "ipc.tcp.clients.pricing.port=7999",
				"ipc.tcp.clients.pricing.pool-size=2");

	@Test
	void endpointShouldNotExistUnlessExposed() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TcpEndpoint.class));
	}

	@Test
	void endpointShouldExistWhenExposedOverTheWeb() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=tcp")
			.run((context) -> assertThat(context).hasSingleBean(TcpEndpoint.class));
	}

	@Test
	void endpointShouldNotExistWhenItsAccessIsNone() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=tcp", "management.endpoint.tcp.access=NONE")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TcpEndpoint.class));
	}

	@Test
	void endpointShouldNotExistWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.withPropertyValues("management.endpoints.web.exposure.include=tcp")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TcpEndpoint.class));
	}

	@Test
	void readOperationShouldDescribeServersWithTheirConnectionsAndClients() {
		Instant before = Instant.now();
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=tcp").run((context) -> {
			int port = context.getBean(TcpServers.class).port("echo");
			try (LineClient client = new LineClient(port)) {
				assertThat(client.request("hello")).isEqualTo("ACK hello");
				TcpEndpoint.TcpDescriptor descriptor = context.getBean(TcpEndpoint.class).tcp();
				assertThat(descriptor.servers()).hasSize(1);
				ServerDescriptor server = descriptor.servers().get(0);
				assertThat(server.name()).isEqualTo("echo");
				assertThat(server.address()).isEqualTo("127.0.0.1");
				assertThat(server.port()).isEqualTo(port);
				assertThat(server.listening()).isTrue();
				assertThat(server.framing()).startsWith("line");
				assertThat(server.ioMode()).isEqualTo("net");
				assertThat(server.tls()).isNull();
				assertThat(server.proxyProtocol()).as("takes no PROXY protocol header").isNull();
				assertThat(server.maxConnections()).isEqualTo(1_000);
				assertThat(server.activeConnections()).isEqualTo(1);
				assertThat(server.connections()).hasSize(1);
				ConnectionInfo connection = server.connections().get(0);
				assertThat(connection.remoteAddress()).startsWith("127.0.0.1:");
				assertThat(connection.openedAt()).isBetween(before, Instant.now());
				assertThat(connection.bytesReceived()).isEqualTo("hello\r\n".length());
				assertThat(connection.bytesSent()).isEqualTo("ACK hello\r\n".length());
				assertThat(connection.framesReceived()).isEqualTo(1);
				assertThat(connection.framesSent()).isEqualTo(1);
				assertThat(descriptor.clients()).hasSize(1);
				ClientDescriptor pricing = descriptor.clients().get(0);
				assertThat(pricing.name()).isEqualTo("pricing");
				assertThat(pricing.host()).isEqualTo("127.0.0.1");
				assertThat(pricing.port()).isEqualTo(7999);
				assertThat(pricing.poolSize()).isEqualTo(2);
				assertThat(pricing.openConnections()).isZero();
				assertThat(pricing.lastConnect()).isNull();
			}
		});
	}

	@Test
	void writeOperationShouldCloseOneConnectionAndSaySoWhenTheIdIsUnknown() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=tcp").run((context) -> {
			int port = context.getBean(TcpServers.class).port("echo");
			TcpEndpoint endpoint = context.getBean(TcpEndpoint.class);
			try (LineClient closing = new LineClient(port); LineClient staying = new LineClient(port)) {
				assertThat(closing.request("first")).isEqualTo("ACK first");
				String id = connectionIds(endpoint)[0];
				assertThat(staying.request("second")).isEqualTo("ACK second");
				CloseResult result = endpoint.closeConnection(id);
				assertThat(result.closed()).isTrue();
				assertThat(result.server()).isEqualTo("echo");
				assertThat(closing.isClosedByServer()).isTrue();
				assertThat(staying.request("still")).isEqualTo("ACK still");
				await().atMost(Duration.ofSeconds(10)).until(() -> connectionIds(endpoint).length == 1);
				CloseResult unknown = endpoint.closeConnection(id);
				assertThat(unknown.closed()).isFalse();
				assertThat(unknown.server()).isNull();
				assertThat(unknown.message()).contains("No open connection with id '" + id + "'");
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@Test
	void descriptionShouldNameTheTlsBundlesAndGiveAStoppedServerNoPort(@TempDir Path keys) throws Exception {
		TestKeytool.serverKeyStore(keys);
		String store = "spring.ssl.bundle.jks.server.keystore.";
		this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=tcp",
					store + "location=file:" + keys.resolve("server.p12"), store + "type=PKCS12",
					store + "password=" + TestKeytool.PASSWORD, "ipc.tcp.servers.echo.ssl.bundle=server",
					"ipc.tcp.servers.echo.ssl.client-auth=want", "ipc.tcp.clients.pricing.ssl.bundle=server")
			.run((context) -> {
				TcpEndpoint endpoint = context.getBean(TcpEndpoint.class);
				ServerDescriptor listening = endpoint.tcp().servers().get(0);
				assertThat(listening.tls()).isEqualTo(new TlsDescriptor("server", "want"));
				assertThat(listening.port()).isEqualTo(context.getBean(TcpServers.class).port("echo"));
				// a client has no client-auth of its own
				assertThat(endpoint.tcp().clients().get(0).tls()).isEqualTo(new TlsDescriptor("server", null));
				context.getBean("echoTcpServer", TcpServer.class).getConnectionFactory().stop();
				ServerDescriptor stopped = endpoint.tcp().servers().get(0);
				assertThat(stopped.listening()).isFalse();
				assertThat(stopped.draining()).isFalse();
				assertThat(stopped.port()).isNull();
			});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void descriptionAndStartUpLogShouldTellThatAServerTakesProxyProtocolHeaders(CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=tcp",
					"ipc.tcp.servers.echo.proxy-protocol.enabled=true",
					"ipc.tcp.servers.echo.proxy-protocol.trusted-proxies=10.0.0.0/8,127.0.0.1/32",
					"ipc.tcp.servers.echo.proxy-protocol.header-timeout=2s")
			.run((context) -> {
				ServerDescriptor server = context.getBean(TcpEndpoint.class).tcp().servers().get(0);
				assertThat(server.proxyProtocol()).isEqualTo(new ProxyProtocolDescriptor(
						List.of("10.0.0.0/8", "127.0.0.1/32"), Duration.ofSeconds(2), 1024));
				assertThat(output).contains("TCP server 'echo' listening on 127.0.0.1:0, port " + server.port()
						+ " (line (max 65536 bytes), NET, PROXY protocol trusting [10.0.0.0/8, 127.0.0.1/32],"
						+ " header timeout 2000 ms)");
			});
	}

	private static String[] connectionIds(TcpEndpoint endpoint) {
		return endpoint.tcp().servers().get(0).connections().stream().map(ConnectionInfo::id).toArray(String[]::new);
	}

}
