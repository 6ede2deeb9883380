package io.github.ipcboot.tcp.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.ipcboot.framing.Framing;
import io.github.ipcboot.tcp.CidrRange;
import io.github.ipcboot.tcp.TcpClientAuth;
import io.github.ipcboot.tcp.ServerErrorPolicy;
import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpClientSettings;
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
		if (bundleName == null) {
			return null;
		}
		SslBundles bundles = this.sslBundles.getIfAvailable();
		if (bundles == null) {
			throw new IllegalStateException(prefix + ".ssl.bundle is set but there are no SSL bundles (spring.ssl.bundle.*)");
		}
		try {
			return new TcpTls(bundleName, bundles.getBundle(bundleName), clientAuth, verifyHostname);
		}
		catch (NoSuchSslBundleException ex) {
			throw new IllegalStateException(prefix + ".ssl.bundle names the SSL bundle '" + bundleName
					+ "', which is not configured under spring.ssl.bundle", ex);
		}
	}

	TcpServer buildServer(String name) {
		return new TcpServer(serverSettings(name), this.scheduler);
	}

	TcpClient buildClient(String name) {
		return new TcpClient(clientSettings(name), this.scheduler);
	}

	TcpClientSettings clientSettings(String name) {
		TcpClientProperties client = this.properties.getClients().get(name);
		if (client == null) {
			throw new IllegalStateException("No properties for TCP client '" + name + "'");
		}
		String prefix = "ipc.tcp.clients." + name;
		boolean unix = UnixSocketAddresses.isUnix(client.getHost());
		if (client.getHost() == null || (client.getPort() == null && !unix)) {
			throw new IllegalStateException(prefix + ".host and " + prefix + ".port are required");
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
			throw new IllegalStateException("Invalid configuration of " + prefix + ": " + ex.getMessage(), ex);
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
			throw new IllegalStateException(prefix + ".port is required (use 0 for an ephemeral port)");
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
							server.getAllowedUsers(), server.getAllowedGroups()));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid configuration of " + prefix + ": " + ex.getMessage(), ex);
		}
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
