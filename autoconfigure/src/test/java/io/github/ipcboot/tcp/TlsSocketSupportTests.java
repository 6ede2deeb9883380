package io.github.ipcboot.tcp;

import java.net.Socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link TlsSocketSupport}: a client socket gets the settings of the same load of the
 * bundle as its socket factory, also when the bundle is reloaded in between.
 */
class TlsSocketSupportTests {

	@Test
	void clientSocketShouldBeConfiguredFromTheLoadThatMadeItWhenTheBundleIsReloadedInBetween() throws Exception {
		ReloadableTls tls = new ReloadableTls("TCP client 'pricing'",
				new TcpTls("client", bundle("TLSv1.2"), TcpClientAuth.NONE, false));
		ExposedFactory factory = new ExposedFactory();
		TlsSocketSupport.apply(tls, factory);
		try (Socket socket = factory.newSocket()) {
			tls.reload(bundle("TLSv1.3"));
			factory.postProcess(socket);
			assertThat(((SSLSocket) socket).getSSLParameters().getProtocols()).containsExactly("TLSv1.2");
		}
		try (Socket socket = factory.newSocket()) {
			factory.postProcess(socket);
			assertThat(((SSLSocket) socket).getSSLParameters().getProtocols()).containsExactly("TLSv1.3");
		}
	}

	/** Opens the protected steps of making a client socket to the test. */
	static class ExposedFactory extends TcpNetClientConnectionFactory {

		ExposedFactory() {
			super("127.0.0.1", 1);
		}

		Socket newSocket() throws Exception {
			return getTcpSocketFactorySupport().getSocketFactory().createSocket();
		}

		void postProcess(Socket socket) {
			getTcpSocketSupport().postProcessSocket(socket);
		}

	}

	private static SslBundle bundle(String protocol) throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, null, null);
		SslBundle bundle = mock(SslBundle.class);
		given(bundle.createSslContext()).willReturn(context);
		given(bundle.getOptions()).willReturn(SslOptions.of(null, new String[] { protocol }));
		return bundle;
	}

}
