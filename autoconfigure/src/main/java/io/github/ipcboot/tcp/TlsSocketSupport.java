package io.github.ipcboot.tcp;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;

import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslOptions;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.TcpSocketSupport;

/**
 * Applies {@link TcpTls} to the sockets of a blocking client's connection factory: the bundle's
 * protocols and ciphers and host name verification (and, through {@link #configure}, to the SSL
 * engines of NIO connections, with client authentication on a server's). A blocking server does
 * not use this support: it layers TLS over the plain sockets it accepts ({@link #serverSide}), so
 * that it keeps the plain socket to close when a timeout expires: closing a TLS socket may block
 * on a peer that does not read.
 */
final class TlsSocketSupport implements TcpSocketSupport {

	private final ReloadableTls tls;

	/**
	 * The load of the bundle whose socket factory made the socket this thread post-processes next:
	 * the factory makes the socket and this support configures it on the same thread, and both
	 * must use one load, also when a reload happens in between.
	 */
	private final ThreadLocal<ReloadableTls.@Nullable Current> connecting = new ThreadLocal<>();

	TlsSocketSupport(ReloadableTls tls) {
		this.tls = tls;
	}

	static void apply(ReloadableTls tls, TcpNetClientConnectionFactory factory) {
		TlsSocketSupport support = new TlsSocketSupport(tls);
		// every connection asks for the socket factory of the bundle as last (re)loaded
		factory.setTcpSocketFactorySupport(new TcpSocketFactorySupport() {

			@Override
			public ServerSocketFactory getServerSocketFactory() {
				return tls.current().context().getServerSocketFactory();
			}

			@Override
			public SocketFactory getSocketFactory() {
				ReloadableTls.Current current = tls.current();
				support.connecting.set(current);
				return current.context().getSocketFactory();
			}

		});
		factory.setTcpSocketSupport(support);
	}

	/**
	 * Layer the server side of TLS over an accepted plain socket; the handshake happens on first
	 * use. Closing the TLS socket closes the plain one.
	 * @param accepted the plain socket
	 * @param factory the factory of the server's SSL context
	 * @param tls the server's TLS settings
	 * @return the TLS socket
	 * @throws IOException if the layer cannot be created
	 */
	static SSLSocket serverSide(Socket accepted, SSLSocketFactory factory, TcpTls tls) throws IOException {
		SSLSocket socket = (SSLSocket) factory.createSocket(accepted, accepted.getInetAddress().getHostAddress(),
				accepted.getPort(), true);
		socket.setUseClientMode(false);
		socket.setSSLParameters(configure(socket.getSSLParameters(), tls, true));
		return socket;
	}

	@Override
	public void postProcessServerSocket(ServerSocket serverSocket) {
		// only clients use this support (see apply): they open no server sockets
	}

	@Override
	public void postProcessSocket(Socket socket) {
		// a client's socket, made by the SSL socket factory that apply() installs with this support
		ReloadableTls.Current current = this.connecting.get();
		this.connecting.remove();
		TcpTls settings = (current != null) ? current.tls() : this.tls.current().tls();
		SSLSocket sslSocket = (SSLSocket) socket;
		sslSocket.setSSLParameters(configure(sslSocket.getSSLParameters(), settings, false));
	}

	/**
	 * Apply the TLS settings to the parameters of a server or client socket or engine.
	 * @return the parameters
	 */
	static SSLParameters configure(SSLParameters parameters, TcpTls tls, boolean server) {
		applyOptions(parameters, tls);
		if (server) {
			switch (tls.clientAuth()) {
				case NEED -> parameters.setNeedClientAuth(true);
				case WANT -> parameters.setWantClientAuth(true);
				case NONE -> parameters.setWantClientAuth(false);
			}
		}
		else if (tls.verifyHostname()) {
			// "HTTPS" identification checks the certificate's subject alternative names (and CN)
			// against the host, which is right for any TCP protocol
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
		}
		return parameters;
	}

	private static void applyOptions(SSLParameters parameters, TcpTls tls) {
		SslOptions options = tls.bundle().getOptions();
		if (options.getEnabledProtocols() != null) {
			parameters.setProtocols(options.getEnabledProtocols());
		}
		if (options.getCiphers() != null) {
			parameters.setCipherSuites(options.getCiphers());
		}
	}

}
