package io.github.ipcboot.benchmarks.load;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The echo servers the load benchmark knows, in the order they are run. Netty comes first: every
 * other row is compared with it.
 * <p>
 * To add a server that runs on the JVM, write a class with a static {@code start(int port)} that
 * returns an {@link EchoServer}, and add a constant here with that factory; the runner then starts
 * it in its own JVM through {@link EchoServerMain} (e.g. a server configured by this starter with a
 * {@code @TcpListener} echo, one constant per I/O mode). A server that is not a JVM server needs a
 * {@link ServerLauncher} of its own, as {@link #ASYNCIO} has. The {@code UDP_} constants are
 * datagram echo servers for {@link UdpBenchmark}: {@link #datagram()} tells them apart.
 */
public enum ServerKind {

	/** Netty 4.2, NIO transport, {@code LineBasedFrameDecoder}, flush per read batch. */
	NETTY("Netty 4.2 `LineBasedFrameDecoder` echo", NettyEchoServer::start),

	/** Hand-written blocking server, one thread per connection, buffered streams. */
	BLOCKING("hand-written blocking thread-per-connection + `BufferedInputStream`", BlockingEchoServer::start),

	/** Python's asyncio streams, {@code readuntil(b"\r\n")}, in a python3 process. */
	ASYNCIO("Python asyncio streams (`readuntil`)", ServerLauncher.PYTHON),

	/** This starter: {@code ipc.tcp.servers.echo} + {@code @TcpListener}, blocking I/O, platform threads. */
	STARTER("ipc-spring-boot-starter `@TcpListener` echo (blocking, platform threads)",
			StarterEchoServer::platformThreads),

	/** This starter with Actuator metrics and observations on, as the demo-app has them. */
	STARTER_OBSERVED("ipc-spring-boot-starter `@TcpListener` echo (blocking, platform threads, metrics + observations)",
			StarterEchoServer::observed),

	/** As {@link #STARTER_OBSERVED}, with every listener call a Micrometer Observation. */
	STARTER_TRACED("ipc-spring-boot-starter `@TcpListener` echo (blocking, platform threads, metrics + an observation per call)",
			StarterEchoServer::traced),

	/** This starter with Actuator metrics on and the {@code ipc.tcp.handler} meters off. */
	STARTER_METRICS("ipc-spring-boot-starter `@TcpListener` echo (blocking, platform threads, metrics, no handler observation)",
			StarterEchoServer::metricsOnly),

	/** This starter with {@code ipc.tcp.virtual-threads=true} (needs a Java 21+ server JVM). */
	STARTER_VIRTUAL("ipc-spring-boot-starter `@TcpListener` echo (blocking, virtual threads)",
			StarterEchoServer::virtualThreads),

	/** This starter with {@code io-mode: nio}. */
	STARTER_NIO("ipc-spring-boot-starter `@TcpListener` echo (NIO)", StarterEchoServer::nio),

	/** The starter's echo on a Unix domain socket ({@code address: unix:<path>}), blocking I/O. */
	STARTER_UNIX("ipc-spring-boot-starter `@TcpListener` echo on a Unix domain socket (blocking, platform threads)",
			StarterEchoServer::unix, Transport.UNIX),

	/** The same in NIO mode. */
	STARTER_UNIX_NIO("ipc-spring-boot-starter `@TcpListener` echo on a Unix domain socket (NIO)",
			StarterEchoServer::unixNio, Transport.UNIX),

	/** The hand-written blocking server on a Unix domain socket: blocking channel reads and writes. */
	BLOCKING_UNIX("hand-written blocking thread-per-connection on a Unix domain socket (blocking `SocketChannel`)",
			BlockingEchoServer::unix, Transport.UNIX),

	/** Python asyncio streams on a Unix domain socket ({@code start_unix_server}). */
	ASYNCIO_UNIX("Python asyncio streams on a Unix domain socket (`start_unix_server`, `readuntil`)",
			ServerLauncher.PYTHON, Transport.UNIX),

	/** Spring Integration NIO connection factory, CRLF serializer, inbound gateway. */
	SI_NIO("bare Spring Integration NIO + CRLF serializer + `TcpInboundGateway`", SpringIntegrationEchoServer::nio),

	/** Spring Integration blocking (Net) connection factory, CRLF serializer, inbound gateway. */
	SI_NET("bare Spring Integration Net (blocking) + CRLF serializer + `TcpInboundGateway`", SpringIntegrationEchoServer::net),

	/** UDP: Netty 4.2, {@code NioDatagramChannel}, each datagram written back to its sender. */
	UDP_NETTY("Netty 4.2 `NioDatagramChannel` echo", NettyUdpEchoServer::start, Transport.UDP),

	/** UDP: Python's asyncio {@code create_datagram_endpoint}, in a python3 process. */
	UDP_ASYNCIO("Python asyncio `create_datagram_endpoint` echo", ServerLauncher.PYTHON_UDP, Transport.UDP),

	/** UDP: this starter, {@code ipc.udp.endpoints.echo} + {@code @UdpListener}. */
	UDP_STARTER("ipc-spring-boot-starter `@UdpListener` echo", StarterUdpEchoServer::start, Transport.UDP);

	/** What a server speaks: line echo over TCP or a Unix domain socket, or datagram echo. */
	enum Transport {

		/** Lines over TCP on 127.0.0.1. */
		TCP,

		/** Lines over a Unix domain socket. */
		UNIX,

		/** Datagrams over UDP on 127.0.0.1. */
		UDP

	}

	private final String label;

	private final EchoServer.@Nullable Factory factory;

	private final ServerLauncher launcher;

	private final Transport transport;

	ServerKind(String label, EchoServer.Factory factory) {
		this(label, factory, Transport.TCP);
	}

	ServerKind(String label, EchoServer.Factory factory, Transport transport) {
		this.label = label;
		this.factory = factory;
		this.launcher = ServerLauncher.JVM;
		this.transport = transport;
	}

	ServerKind(String label, ServerLauncher launcher) {
		this(label, launcher, Transport.TCP);
	}

	ServerKind(String label, ServerLauncher launcher, Transport transport) {
		this.label = label;
		this.factory = null;
		this.launcher = launcher;
		this.transport = transport;
	}

	/**
	 * Return whether the server listens on a Unix domain socket: the path given in the
	 * {@value UnixSocketPath#ENVIRONMENT} environment variable, instead of a port of 127.0.0.1.
	 * @return whether it is a Unix domain socket server
	 */
	public boolean unix() {
		return this.transport == Transport.UNIX;
	}

	/**
	 * Return whether this is a UDP datagram echo server ({@link UdpBenchmark}) rather than a TCP
	 * line echo server ({@link LoadBenchmark}).
	 * @return {@code true} for a UDP server
	 */
	public boolean datagram() {
		return this.transport == Transport.UDP;
	}

	/**
	 * Return the servers of one transport, in order.
	 * @param datagram {@code true} for the UDP servers, {@code false} for the TCP ones
	 * @return the servers
	 */
	public static List<ServerKind> of(boolean datagram) {
		return Arrays.stream(values()).filter((kind) -> kind.datagram() == datagram).toList();
	}

	/**
	 * Return the name used on the command line, e.g. {@code si-nio}.
	 * @return the id
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Return the description printed in the result table.
	 * @return the label
	 */
	public String label() {
		return this.label;
	}

	/**
	 * Return the factory of a JVM server, or {@code null} for a server in another language.
	 * @return the factory or {@code null}
	 */
	public EchoServer.@Nullable Factory factory() {
		return this.factory;
	}

	/**
	 * Return how the runner starts this server in a child process.
	 * @return the launcher
	 */
	public ServerLauncher launcher() {
		return this.launcher;
	}

	/**
	 * Return the kind with the given id or constant name.
	 * @param id e.g. {@code si-nio} or {@code SI_NIO}
	 * @return the kind
	 * @throws IllegalArgumentException if there is none
	 */
	public static ServerKind of(String id) {
		for (ServerKind kind : values()) {
			if (kind.id().equalsIgnoreCase(id.trim()) || kind.name().equalsIgnoreCase(id.trim())) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown server '" + id + "'; known: "
				+ Arrays.stream(values()).map(ServerKind::id).toList());
	}

}
