package io.github.ipcboot.tcp;

import java.util.Objects;

import org.springframework.boot.ssl.SslBundle;

/**
 * TLS settings of a TCP server or client: the Spring Boot SSL bundle that holds keys and trusted
 * certificates, client authentication (servers) and host name verification (clients).
 *
 * @param bundleName the bundle's name under {@code spring.ssl.bundle}, for messages
 * @param bundle the SSL bundle
 * @param clientAuth whether a server asks clients for certificates; ignored by clients
 * @param verifyHostname whether a client checks that the server's certificate matches the host it
 * connects to; ignored by servers
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public record TcpTls(String bundleName, SslBundle bundle, TcpClientAuth clientAuth, boolean verifyHostname) {

	/**
	 * Validate the settings.
	 */
	public TcpTls {
		Objects.requireNonNull(bundle, "bundle must not be null");
		Objects.requireNonNull(clientAuth, "clientAuth must not be null");
	}

}
