package io.github.ipcboot.tcp.autoconfigure;

import java.time.Duration;

import io.github.ipcboot.framing.Framing;
import io.github.ipcboot.tcp.CidrRange;
import io.github.ipcboot.tcp.ServerErrorPolicy;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServerSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.system.JavaVersion;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.TaskScheduler;

/**
 * Builds the {@link TcpServer} beans from {@code ipc.tcp.servers.<name>} properties; the
 * auto-configuration registers one bean per configured name that calls {@link #build(String)}.
 */
class TcpServerBuilder {

	private static final Log logger = LogFactory.getLog(TcpServerBuilder.class);

	private final TcpProperties properties;

	private final Environment environment;

	private final TaskScheduler scheduler;

	TcpServerBuilder(TcpProperties properties, Environment environment, TaskScheduler scheduler) {
		this.properties = properties;
		this.environment = environment;
		this.scheduler = scheduler;
	}

	TcpServer build(String name) {
		return new TcpServer(settings(name), this.scheduler);
	}

	TcpServerSettings settings(String name) {
		TcpProperties.Server server = this.properties.getServers().get(name);
		if (server == null) {
			throw new IllegalStateException("No properties for TCP server '" + name + "'");
		}
		Integer port = server.getPort();
		if (port == null) {
			throw new IllegalStateException(
					"ipc.tcp.servers." + name + ".port is required (use 0 for an ephemeral port)");
		}
		try {
			Framing framing = Framing.builder(server.getFraming())
				.terminator(server.getTerminator())
				.start(server.getStart())
				.end(server.getEnd())
				.lengthHeaderSize(server.getLengthHeaderSize())
				.fixedLength(server.getFixedLength())
				.maxFrameSize((int) Math.min(Framing.LARGEST_MAX_FRAME_SIZE, server.getMaxFrameSize().toBytes()))
				.build();
			ServerErrorPolicy policy = new ServerErrorPolicy(server.getOnListenerError(),
					server.getListenerErrorReply(), server.getOnFrameTooLarge(), server.getFrameTooLargeReply());
			Duration idle = server.getIdleTimeout();
			return new TcpServerSettings(name, server.getAddress(), port, framing, server.getCharset(),
					server.getMaxConnections(), (idle.isZero() || idle.isNegative()) ? null : idle,
					server.getAllowedClients().stream().map(CidrRange::parse).toList(), policy, virtualThreads());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid configuration of ipc.tcp.servers." + name + ": " + ex.getMessage(),
					ex);
		}
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
