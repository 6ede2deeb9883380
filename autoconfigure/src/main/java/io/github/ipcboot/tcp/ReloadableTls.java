package io.github.ipcboot.tcp;

import javax.net.ssl.SSLContext;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ssl.SslBundle;

/**
 * The TLS settings a server or client uses for its next handshake: the SSL context of its bundle
 * as last loaded, replaced as a whole when the bundle is {@linkplain #reload reloaded}. Connections
 * made before a reload keep the context (and certificate) they were made with.
 */
final class ReloadableTls {

	private static final Log logger = LogFactory.getLog(ReloadableTls.class);

	private final String description;

	private volatile Current current;

	/**
	 * Load the bundle's SSL context.
	 * @param description what uses the settings, for the log ("TCP server 'orders'")
	 * @param tls the settings
	 */
	ReloadableTls(String description, TcpTls tls) {
		this.description = description;
		this.current = new Current(tls, tls.bundle().createSslContext());
	}

	/**
	 * Return the settings and SSL context for a new connection: both from the same load.
	 * @return the current settings and context
	 */
	Current current() {
		return this.current;
	}

	/**
	 * Use a reloaded bundle for every handshake from now on. The new context is created before it
	 * replaces the old one: a bundle whose context cannot be created leaves the old one in use.
	 * @param bundle the reloaded bundle
	 * @throws IllegalStateException if the bundle's SSL context cannot be created
	 */
	void reload(SslBundle bundle) {
		TcpTls previous = this.current.tls();
		SSLContext context;
		try {
			context = bundle.createSslContext();
		}
		catch (RuntimeException ex) {
			logger.warn(this.description + " kept its SSL context: the reloaded SSL bundle '" + previous.bundleName()
					+ "' is not usable (" + ex.getMessage() + ")", ex);
			throw new IllegalStateException(this.description + " could not use the reloaded SSL bundle '"
					+ previous.bundleName() + "': " + ex.getMessage(), ex);
		}
		this.current = new Current(
				new TcpTls(previous.bundleName(), bundle, previous.clientAuth(), previous.verifyHostname()), context);
		logger.info(this.description + " reloaded SSL bundle '" + previous.bundleName()
				+ "': new connections use it, open connections keep theirs");
	}

	/**
	 * The settings and the SSL context of one load of the bundle.
	 * @param tls the settings, with the bundle loaded
	 * @param context the bundle's SSL context
	 */
	record Current(TcpTls tls, SSLContext context) {
	}

}
