package io.github.ipcboot.demo.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.github.ipcboot.demo.GatewayClient;
import io.github.ipcboot.demo.GatewayTest;
import io.github.ipcboot.demo.GatewayTestSupport;
import io.github.ipcboot.demo.gateway.CommandGatewayListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The {@code tls} profile: the {@code commands} server requires TLS with a client certificate,
 * using the demo-only certificates of {@code demo-app/demo-tls}.
 */
@GatewayTest
@ActiveProfiles("tls")
class TlsProfileTests extends GatewayTestSupport {

	private static final Path DEMO_TLS = Path.of("demo-tls");

	private static final char[] PASSWORD = "demo-only".toCharArray();

	@Autowired
	private MeterRegistry meterRegistry;

	@Test
	void clientWithACertificateSignedByTheDemoCaShouldBeServed() throws Exception {
		GatewayClient client = track(new GatewayClient(handshake(clientKeys())));
		assertThat(client.request("PING")).containsExactly("OK PONG");
		assertThat(client.request("RUN seq 1 2")).startsWith("STDOUT 1", "STDOUT 2").hasSize(3);
	}

	@Test
	void clientWithoutACertificateShouldBeRefused() throws Exception {
		double rejectedBefore = tlsRejections();
		try (SSLSocket socket = tlsSocket(null)) {
			// TLS 1.3 ends the client's side of the handshake before the server checks for a
			// certificate: the server's alert comes with the first read (a write might instead
			// meet the closed connection)
			assertThatExceptionOfType(SSLException.class).isThrownBy(() -> handshake(socket).getInputStream().read())
				.withMessageMatching(".*(certificate_required|bad_certificate).*");
		}
		await().atMost(WAIT).untilAsserted(() -> assertThat(tlsRejections()).isEqualTo(rejectedBefore + 1));
	}

	@Test
	void clientWithoutTlsShouldNotBeServed() throws Exception {
		double rejectedBefore = tlsRejections();
		GatewayClient client = connect();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> client.request("PING"));
		await().atMost(WAIT).untilAsserted(() -> assertThat(tlsRejections()).isEqualTo(rejectedBefore + 1));
	}

	private double tlsRejections() {
		Counter rejected = this.meterRegistry.find("ipc.tcp.connections.rejected")
			.tags("name", CommandGatewayListener.SERVER, "side", "server", "reason", "tls")
			.counter();
		return (rejected != null) ? rejected.count() : 0;
	}

	/**
	 * Connect with TLS and complete the handshake.
	 */
	private SSLSocket handshake(@Nullable KeyManagerFactory keys) throws Exception {
		return handshake(tlsSocket(keys));
	}

	private SSLSocket handshake(SSLSocket socket) throws Exception {
		GatewayClient.connect(socket, this.servers.port(CommandGatewayListener.SERVER));
		socket.setSoTimeout(15_000);
		socket.startHandshake();
		return socket;
	}

	/**
	 * An unconnected socket that trusts the demo CA and checks that the server's certificate is
	 * for 127.0.0.1.
	 */
	private static SSLSocket tlsSocket(@Nullable KeyManagerFactory keys) throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init((keys != null) ? keys.getKeyManagers() : null, demoCa().getTrustManagers(), null);
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		socket.setSSLParameters(parameters);
		return socket;
	}

	private static KeyManagerFactory clientKeys() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(DEMO_TLS.resolve("client.p12"))) {
			store.load(in, PASSWORD);
		}
		KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		factory.init(store, PASSWORD);
		return factory;
	}

	private static TrustManagerFactory demoCa() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		try (InputStream in = Files.newInputStream(DEMO_TLS.resolve("ca.crt"))) {
			store.setCertificateEntry("demo-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(store);
		return factory;
	}

}
