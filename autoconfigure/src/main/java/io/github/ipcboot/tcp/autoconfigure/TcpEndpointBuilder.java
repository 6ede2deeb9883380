package io.github.ipcboot.tcp.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.ipcboot.autoconfigure.IpcStartupException;
import io.github.ipcboot.framing.Framing;
import io.github.ipcboot.tcp.CidrRange;
import io.github.ipcboot.tcp.TcpClientAuth;
import io.github.ipcboot.tcp.ServerErrorPolicy;
import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpClientSettings;
import io.github.ipcboot.tcp.TcpProxyProtocol;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServerLimits;
import io.github.ipcboot.tcp.TcpServerSettings;
import io.github.ipcboot.tcp.TcpTls;
import io.github.ipcboot.tcp.unix.UnixSocketAddresses;
import io.github.ipcboot.tcp.unix.UnixSocketOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

import org.springframework.boot.system.JavaVersion;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.unit.DataSize;

/**
 * Builds the {@link TcpServer} and {@link TcpClient} beans from {@code ipc.tcp.servers.<name>} and
 * {@code ipc.tcp.clients.<name>} properties; the auto-configuration registers one bean per
 * configured name that calls {@link #buildServer(String)} or {@link #buildClient(String)}.
 */
class TcpEndpointBuilder implements DisposableBean {

	private static final Log logger = LogFactory.getLog(TcpEndpointBuilder.class);

	/** Default max-connections when connections are served by virtual threads. */
	static final int DEFAULT_MAX_CONNECTIONS_VIRTUAL = 10_000;

	/** Default max-connections when each connection is served by a platform thread. */
	static final int DEFAULT_MAX_CONNECTIONS_PLATFORM = 1_000;

	private final TcpProperties properties;

	private final Environment environment;

	private final ThreadPoolTaskScheduler scheduler;

	private final ObjectProvider<SslBundles> sslBundles;

	TcpEndpointBuilder(TcpProperties properties, Environment environment, ObjectProvider<SslBundles> sslBundles) {
		this.properties = properties;
		this.environment = environment;
		this.sslBundles = sslBundles;
		// Spring Integration's housekeeping; not a bean, so that it never stands in for the
		// application's own TaskScheduler
		ThreadPoolTaskScheduler housekeeping = new ThreadPoolTaskScheduler();
		housekeeping.setThreadNamePrefix("ipc-tcp-scheduler-");
		housekeeping.setPoolSize(1);
		housekeeping.setDaemon(true);
		housekeeping.initialize();
		this.scheduler = housekeeping;
	}

	@Override
	public void destroy() {
		this.scheduler.shutdown();
	}

	private @Nullable TcpTls tls(String prefix, @Nullable String bundleName, TcpClientAuth clientAuth,
			boolean verifyHostname) {
		if (bundleName == null || bundleName.isBlank()) {
			// an empty value (an environment variable set to nothing, a ${VAR:} placeholder) means no TLS
			return null;
		}
		SslBundles bundles = this.sslBundles.getIfAvailable();
		if (bundles == null) {
			throw new IpcStartupException(prefix + ".ssl.bundle is set but there are no SSL bundles (spring.ssl.bundle.*)",
					prefix + ".ssl.bundle", bundleName,
					"Configure the SSL bundle '" + bundleName + "' under spring.ssl.bundle.jks or spring.ssl.bundle.pem.",
					null);
		}
		try {
			return new TcpTls(bundleName, bundles.getBundle(bundleName), clientAuth, verifyHostname);
		}
		catch (NoSuchSslBundleException ex) {
			throw new IpcStartupException(prefix + ".ssl.bundle names the SSL bundle '" + bundleName
					+ "', which is not configured under spring.ssl.bundle", prefix + ".ssl.bundle", bundleName,
					"Configure the SSL bundle '" + bundleName + "' under spring.ssl.bundle.jks or "
							+ "spring.ssl.bundle.pem, or correct " + prefix + ".ssl.bundle.",
					ex);
		}
	}

	TcpServer buildServer(String name) {
		TcpServer server = new TcpServer(serverSettings(name), this.scheduler);
		onBundleUpdate(server.getSettings().tls(), server::reloadTls);
		return server;
	}

	TcpClient buildClient(String name) {
		TcpClient client = new TcpClient(clientSettings(name), this.scheduler);
		onBundleUpdate(client.getSettings().tls(), client::reloadTls);
		return client;
	}

	/**
	 * Reload the TLS of a server or client when Spring Boot reloads its bundle (one configured with
	 * {@code reload-on-update}; others never change).
	 */
	private void onBundleUpdate(@Nullable TcpTls tls, Consumer<SslBundle> reload) {
		SslBundles bundles = this.sslBundles.getIfAvailable();
		if (tls == null || bundles == null) {
			return;
		}
		bundles.addBundleUpdateHandler(tls.bundleName(), (bundle) -> {
			try {
				reload.accept(bundle);
			}
			catch (IllegalStateException ex) {
				// logged where it failed; the previous certificates stay in use
			}
		});
	}

	TcpClientSettings clientSettings(String name) {
		TcpClientProperties client = this.properties.getClients().get(name);
		if (client == null) {
			throw new IllegalStateException("No properties for TCP client '" + name + "'");
		}
		String prefix = "ipc.tcp.clients." + name;
		boolean unix = UnixSocketAddresses.isUnix(client.getHost());
		if (client.getHost() == null || (client.getPort() == null && !unix)) {
			throw IpcStartupException.missing((client.getHost() == null) ? prefix + ".host" : prefix + ".port",
					prefix + ".host and " + prefix + ".port are required (no port for a unix:<path> host)",
					prefix + ".host=127.0.0.1 and " + prefix + ".port=7000");
		}
		try {
			Framing framing = client.toFraming();
			return new TcpClientSettings(name, client.getHost(), unix ? 0 : client.getPort(), framing,
					client.getCharset(), client.getConnectTimeout(), client.getReplyTimeout(), client.getPoolSize(),
					client.getIoMode(), virtualThreads(),
					tls(prefix, client.getSsl().getBundle(), TcpClientAuth.NONE, client.getSsl().isVerifyHostname()),
					positiveOrNull(client.getPoolIdleTimeout()), client.getMaxReplyFrames(),
					client.maxReplyBytes(framing.getMaxFrameSize()), client.isGreeting());
		}
		catch (IllegalArgumentException ex) {
			throw IpcStartupException.invalid(prefix, ex);
		}
	}

	TcpServerSettings serverSettings(String name) {
		TcpServerProperties server = this.properties.getServers().get(name);
		if (server == null) {
			throw new IllegalStateException("No properties for TCP server '" + name + "'");
		}
		String prefix = "ipc.tcp.servers." + name;
		boolean unix = UnixSocketAddresses.isUnix(server.getAddress());
		Integer port = unix ? Integer.valueOf(0) : server.getPort();
		if (port == null) {
			throw IpcStartupException.missing(prefix + ".port", prefix + ".port is required (use 0 for an ephemeral port)",
					prefix + ".port=7000, or 0 for an ephemeral port");
		}
		List<CidrRange> allowedClients = CidrRange.parseAll(prefix + ".allowed-clients", server.getAllowedClients());
		try {
			Framing framing = server.toFraming();
			boolean virtual = virtualThreads();
			ServerErrorPolicy policy = new ServerErrorPolicy(server.getOnListenerError(),
					server.getListenerErrorReply(), server.getOnFrameTooLarge(), server.getFrameTooLargeReply(),
					server.getOnShutdown(), server.getShutdownReply());
			return new TcpServerSettings(name, server.getAddress(), port, framing, server.getCharset(),
					maxConnections(server, virtual), server.getBacklog(), positiveOrNull(server.getIdleTimeout()),
					allowedClients, policy, server.getIoMode(), virtual,
					tls(prefix, server.getSsl().getBundle(), server.getSsl().getClientAuth(), false),
					limits(server, framing), UnixSocketOptions.of(server.getSocketPermissions(),
							server.getAllowedUsers(), server.getAllowedGroups()),
					proxyProtocol(prefix, server.getProxyProtocol()));
		}
		catch (IllegalArgumentException ex) {
			throw IpcStartupException.invalid(prefix, ex);
		}
	}

	private static @Nullable TcpProxyProtocol proxyProtocol(String prefix, TcpServerProxyProtocolProperties proxy) {
		if (!proxy.isEnabled()) {
			return null;
		}
		List<CidrRange> trusted = CidrRange.parseAll(prefix + ".proxy-protocol.trusted-proxies",
				proxy.getTrustedProxies());
		return new TcpProxyProtocol(trusted, proxy.getHeaderTimeout(),
				(int) Math.min(Integer.MAX_VALUE, proxy.getMaxHeaderSize().toBytes()));
	}

	private static TcpServerLimits limits(TcpServerProperties server, Framing framing) {
		DataSize pending = server.getMaxPendingBytes();
		return new TcpServerLimits(positiveOrNull(server.getWriteTimeout()), positiveOrNull(server.getFrameTimeout()),
				server.getHandshakeTimeout(), server.getMaxConnectionsPerClient(),
				(pending != null) ? pending.toBytes()
						: (long) TcpServerLimits.DEFAULT_PENDING_FRAMES * framing.getMaxFrameSize());
	}

	/**
	 * The configured limit, or one that the threads serving the connections can bear: a platform
	 * thread per connection costs an OS thread, ~75 KB of RSS and 1 MiB of reserved stack
	 * (benchmarks/README.md), and 10,000 of them exceed the PID limits of many containers and
	 * systemd services; virtual threads cost ~45 KB and no OS thread.
	 */
	private static int maxConnections(TcpServerProperties server, boolean virtual) {
		Integer configured = server.getMaxConnections();
		if (configured != null) {
			return configured;
		}
		return virtual ? DEFAULT_MAX_CONNECTIONS_VIRTUAL : DEFAULT_MAX_CONNECTIONS_PLATFORM;
	}

	private static @Nullable Duration positiveOrNull(Duration duration) {
		return (duration.isZero() || duration.isNegative()) ? null : duration;
	}

	private boolean virtualThreads() {
		Boolean configured = this.properties.getVirtualThreads();
		if (configured == null) {
			return Threading.VIRTUAL.isActive(this.environment);
		}
		if (configured && !JavaVersion.getJavaVersion().isEqualOrNewerThan(JavaVersion.TWENTY_ONE)) {
			logger.warn("ipc.tcp.virtual-threads=true needs Java 21 or later; using platform threads on Java "
					+ System.getProperty("java.specification.version"));
			return false;
		}
		return configured;
	}

}
