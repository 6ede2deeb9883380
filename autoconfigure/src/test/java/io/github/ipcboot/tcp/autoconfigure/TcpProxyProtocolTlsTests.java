package io.github.ipcboot.tcp.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.autoconfigure.TcpProxyProtocolTests.WhoListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.github.ipcboot.tcp.autoconfigure.ProxyHeaders.tlv;
import static io.github.ipcboot.tcp.autoconfigure.ProxyHeaders.v2;
import static io.github.ipcboot.tcp.autoconfigure.TcpProxyProtocolTests.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TLS behind the PROXY protocol header, as a balancer that passes TLS through (HAProxy
 * {@code mode tcp} with {@code send-proxy-v2}) sends it: the plain header first, then the client's
 * TLS handshake on the same connection.
 */
class TcpProxyProtocolTlsTests {

	private static final String BUNDLE = "spring.ssl.bundle.jks.server";

	@TempDir
	static Path keys;

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, TcpAutoConfiguration.class,
				TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(WhoListener.class)
		.withPropertyValues("ipc.tcp.servers.edge.port=0", "ipc.tcp.servers.edge.address=127.0.0.1",
				"ipc.tcp.servers.edge.ssl.bundle=server", "ipc.tcp.servers.edge.proxy-protocol.enabled=true",
				"ipc.tcp.servers.edge.proxy-protocol.trusted-proxies=127.0.0.1",
				BUNDLE + ".keystore.location=file:" + keys.resolve("server.p12"), BUNDLE + ".keystore.type=PKCS12",
				BUNDLE + ".keystore.password=" + TestKeytool.PASSWORD);

	@BeforeAll
	static void makeCertificates() throws Exception {
		TestKeytool.serverKeyStoreAndClientTrust(keys);
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void tlsHandshakeAfterTheHeaderShouldServeTheClientsAddress(String ioMode) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.edge.io-mode=" + ioMode).run((context) -> {
			int port = context.getBean(TcpServers.class).port("edge");
			try (Socket plain = new Socket()) {
				plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
				plain.setSoTimeout(10_000);
				plain.getOutputStream().write(v2("203.0.113.7", 40000, port, tlv(0x04, "noop")));
				SSLSocket tls = (SSLSocket) clientContext().getSocketFactory()
					.createSocket(plain, "localhost", port, true);
				tls.startHandshake();
				BufferedReader reader = new BufferedReader(
						new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8));
				assertThat(TlsLineSockets.request(tls, reader, "secret")).isEqualTo("203.0.113.7:40000 secret");
				assertThat(TlsLineSockets.request(tls, reader, "again")).isEqualTo("203.0.113.7:40000 again");
			}
			assertThat(rejected(context, "proxy_protocol")).isZero();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void tlsClientWithoutTheHeaderShouldBeClosedAndCounted(String ioMode) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.edge.io-mode=" + ioMode).run((context) -> {
			int port = context.getBean(TcpServers.class).port("edge");
			SSLSocket tls = (SSLSocket) clientContext().getSocketFactory().createSocket();
			tls.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
			tls.setSoTimeout(10_000);
			try (LineClient client = new LineClient(tls)) {
				tls.startHandshake();
				assertThat(client.isClosedByServer()).isTrue();
			}
			catch (IOException ex) {
				// the server closed the connection during the handshake: refused
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> rejected(context, "proxy_protocol") == 1);
			assertThat(context.getBean(WhoListener.class).lines).isEmpty();
		});
	}

	private static SSLContext clientContext() throws Exception {
		return TestKeytool.clientContext(keys, "TLS");
	}

}
