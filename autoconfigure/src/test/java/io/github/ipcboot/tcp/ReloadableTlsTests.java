package io.github.ipcboot.tcp;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.SslBundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link ReloadableTls}: a reload replaces the context and the bundle together, and a
 * bundle whose context cannot be made leaves the previous one in use.
 */
class ReloadableTlsTests {

	@Test
	void reloadShouldReplaceTheContextAndKeepTheSettings() throws Exception {
		SslBundle first = bundle(SSLContext.getInstance("TLS"));
		SSLContext renewed = SSLContext.getInstance("TLS");
		SslBundle second = bundle(renewed);
		ReloadableTls tls = new ReloadableTls("TCP server 'secure'",
				new TcpTls("server", first, TcpClientAuth.NEED, false));
		tls.reload(second);
		assertThat(tls.current().context()).isSameAs(renewed);
		assertThat(tls.current().tls().bundle()).isSameAs(second);
		assertThat(tls.current().tls().clientAuth()).isEqualTo(TcpClientAuth.NEED);
		assertThat(tls.current().tls().bundleName()).isEqualTo("server");
	}

	@Test
	void unusableBundleShouldLeaveThePreviousContextInUse() throws Exception {
		SSLContext original = SSLContext.getInstance("TLS");
		ReloadableTls tls = new ReloadableTls("TCP client 'pricing'",
				new TcpTls("client", bundle(original), TcpClientAuth.NONE, true));
		SslBundle broken = mock(SslBundle.class);
		given(broken.createSslContext()).willThrow(new IllegalStateException("key does not match certificate"));
		assertThatIllegalStateException().isThrownBy(() -> tls.reload(broken))
			.withMessage("TCP client 'pricing' could not use the reloaded SSL bundle 'client': key does not match "
					+ "certificate");
		assertThat(tls.current().context()).isSameAs(original);
	}

	private static SslBundle bundle(SSLContext context) {
		SslBundle bundle = mock(SslBundle.class);
		given(bundle.createSslContext()).willReturn(context);
		return bundle;
	}

}
