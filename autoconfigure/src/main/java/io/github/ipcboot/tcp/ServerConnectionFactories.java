package io.github.ipcboot.tcp;

import io.github.ipcboot.framing.FrameCodec;
import io.github.ipcboot.framing.FrameInputStream;
import io.github.ipcboot.tcp.unix.UnixServerConnectionFactory;
import io.github.ipcboot.tcp.unix.UnixSocketAddresses;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpSocketSupport;
import org.springframework.scheduling.TaskScheduler;

/**
 * Creates the Spring Integration connection factory of a {@link TcpServer}, Net or NIO, over TCP
 * or a Unix domain socket, whose connections pass the server's gate, are registered with its
 * statistics, speak its TLS and PROXY protocol, and read and write its framing.
 */
final class ServerConnectionFactories {

	private ServerConnectionFactories() {
	}

	/**
	 * Create the connection factory of a server, configured but not started.
	 * @param settings the server's settings
	 * @param tls its TLS, or {@code null} when it speaks none
	 * @param gate the gate that admits its connections
	 * @param registry the registry of its connections
	 * @param socketSupport the support that creates its listening socket
	 * @param scheduler the scheduler Spring Integration uses for housekeeping
	 * @return the connection factory
	 */
	static AbstractServerConnectionFactory create(TcpServerSettings settings, @Nullable ReloadableTls tls,
			ConnectionGate gate, ConnectionRegistry registry, TcpSocketSupport socketSupport, TaskScheduler scheduler) {
		AbstractServerConnectionFactory factory = createConnectionFactory(settings, tls, gate, registry);
		factory.setTcpSocketSupport(socketSupport);
		FrameCodec codec = settings.framing().createCodec();
		factory.setSerializer(codec);
		factory.setDeserializer(codec);
		if (settings.address() != null && !settings.isUnix()) {
			factory.setLocalAddress(settings.address());
		}
		if (settings.idleTimeout() != null) {
			factory.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.idleTimeout().toMillis()));
		}
		if (settings.limits().writeTimeout() != null) {
			// a bounded send buffer, so that a slow reader's progress shows within the write timeout
			factory.setSoSendBufferSize(ConnectionDeadlines.SEND_BUFFER_SIZE);
		}
		factory.setBacklog(settings.backlog());
		factory.setSoTcpNoDelay(true);
		factory.setLookupHost(false);
		factory.setTaskScheduler(scheduler);
		return factory;
	}

	private static AbstractServerConnectionFactory createConnectionFactory(TcpServerSettings settings,
			@Nullable ReloadableTls tls, ConnectionGate gate, ConnectionRegistry registry) {
		if (settings.ioMode() == TcpIoMode.NIO) {
			GatedTcpNioConnectionSupport support = new GatedTcpNioConnectionSupport(gate, tls, registry,
					FrameBacklog.budget(settings.limits().maxPendingBytes(), settings.framing().getMaxFrameSize()),
					settings.proxyProtocol());
			String address = settings.address();
			if (address != null && settings.isUnix()) {
				return new UnixServerConnectionFactory(settings.name(), UnixSocketAddresses.path(address),
						settings.unix().permissions(), support);
			}
			TcpNioServerConnectionFactory nio = new QuietlyStoppingNioServerFactory(settings.port());
			nio.setTcpNioConnectionSupport(support);
			return nio;
		}
		BufferedTcpNetConnectionSupport support = new BufferedTcpNetConnectionSupport(
				FrameInputStream.DEFAULT_BUFFER_SIZE, gate, registry, tls, settings.proxyProtocol());
		String address = settings.address();
		if (address != null && settings.isUnix()) {
			return new UnixServerConnectionFactory(settings.name(), UnixSocketAddresses.path(address),
					settings.unix().permissions(), support);
		}
		TcpNetServerConnectionFactory net = new TcpNetServerConnectionFactory(settings.port());
		net.setTcpNetConnectionSupport(support);
		return net;
	}

}
