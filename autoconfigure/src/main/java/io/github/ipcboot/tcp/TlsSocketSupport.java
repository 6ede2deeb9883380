package io.github.ipcboot.tcp;

import java.net.ServerSocket;
import java.net.Socket;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.springframework.boot.ssl.SslOptions;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSocketSupport;

/**
 * Applies {@link TcpTls} to the sockets of a Spring Integration connection factory: the bundle's
 * protocols and ciphers, client authentication on server sockets and host name verification on
 * client sockets.
 */
final class TlsSocketSupport implements TcpSocketSupport {

	private final TcpTls tls;

	private TlsSocketSupport(TcpTls tls) {
		this.tls = tls;
	}

	static void apply(TcpTls tls, TcpNetServerConnectionFactory factory) {
		factory.setTcpSocketFactorySupport(
				new DefaultTcpNetSSLSocketFactorySupport(() -> tls.bundle().createSslContext()));
		factory.setTcpSocketSupport(new TlsSocketSupport(tls));
	}

	static void apply(TcpTls tls, TcpNetClientConnectionFactory factory) {
		factory.setTcpSocketFactorySupport(
				new DefaultTcpNetSSLSocketFactorySupport(() -> tls.bundle().createSslContext()));
		factory.setTcpSocketSupport(new TlsSocketSupport(tls));
	}

	@Override
	public void postProcessServerSocket(ServerSocket serverSocket) {
		if (serverSocket instanceof SSLServerSocket sslServerSocket) {
			SSLParameters parameters = sslServerSocket.getSSLParameters();
			applyOptions(parameters);
			switch (this.tls.clientAuth()) {
				case NEED -> parameters.setNeedClientAuth(true);
				case WANT -> parameters.setWantClientAuth(true);
				case NONE -> parameters.setWantClientAuth(false);
			}
			sslServerSocket.setSSLParameters(parameters);
		}
	}

	@Override
	public void postProcessSocket(Socket socket) {
		if (socket instanceof SSLSocket sslSocket && sslSocket.getUseClientMode()) {
			SSLParameters parameters = sslSocket.getSSLParameters();
			applyOptions(parameters);
			if (this.tls.verifyHostname()) {
				// "HTTPS" identification checks the certificate's subject alternative names (and
				// CN) against the host, which is right for any TCP protocol
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
			}
			sslSocket.setSSLParameters(parameters);
		}
	}

	private void applyOptions(SSLParameters parameters) {
		SslOptions options = this.tls.bundle().getOptions();
		if (options.getEnabledProtocols() != null) {
			parameters.setProtocols(options.getEnabledProtocols());
		}
		if (options.getCiphers() != null) {
			parameters.setCipherSuites(options.getCiphers());
		}
	}

}
