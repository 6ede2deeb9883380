package io.github.ipcboot.tcp;

import org.apache.commons.logging.Log;

/**
 * The lines a {@link TcpServer} logs once it listens: a warning when it takes PROXY protocol
 * headers from any peer, then the line that says where it listens and how (framing, I/O mode,
 * TLS, PROXY protocol).
 */
final class ServerStartUpLog {

	private ServerStartUpLog() {
	}

	/**
	 * Log that a server listens.
	 * @param logger the server's logger
	 * @param settings its settings
	 * @param port the port it is bound to
	 */
	static void listening(Log logger, TcpServerSettings settings, int port) {
		String name = settings.name();
		TcpProxyProtocol proxy = settings.proxyProtocol();
		if (proxy != null && proxy.trustedProxies().isEmpty()) {
			logger.warn("TCP server '" + name + "' takes PROXY protocol headers from any peer: a client that "
					+ "reaches it directly can claim any address (allowed-clients, per-client limits and logs "
					+ "would believe it); set ipc.tcp.servers." + name
					+ ".proxy-protocol.trusted-proxies to the load balancers' addresses");
		}
		TcpTls tls = settings.tls();
		logger.info("TCP server '" + name + "' listening on " + describeAddress(settings, port) + " ("
				+ settings.framing() + ", " + settings.ioMode()
				+ ((tls != null) ? ", TLS with SSL bundle '" + tls.bundleName() + "', client auth " + tls.clientAuth()
						: "")
				+ ((proxy != null) ? ", PROXY protocol trusting " + describeProxies(proxy) + ", header timeout "
						+ proxy.headerTimeout().toMillis() + " ms" : "")
				+ ")");
	}

	private static String describeProxies(TcpProxyProtocol proxy) {
		return proxy.trustedProxies().isEmpty() ? "every peer" : proxy.trustedProxies().toString();
	}

	private static String describeAddress(TcpServerSettings settings, int port) {
		String address = settings.address();
		if (settings.isUnix()) {
			String mode = settings.unix().permissionsText();
			return address + ((mode != null) ? " (" + mode + ")" : "");
		}
		return ((address != null) ? address : "all interfaces") + ":" + settings.port() + ", port " + port;
	}

}
