package io.github.ipcboot.benchmarks.load;

import java.util.Arrays;

import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server a user of this starter writes: a Spring Boot application with
 * {@code ipc.tcp.servers.echo} (framing {@code line}, the default server configuration) and a
 * {@code @TcpListener} that returns each line. {@link #platformThreads(int)} serves connections on
 * platform threads, {@link #virtualThreads(int)} on virtual threads (Java 21+; on older Java the
 * starter falls back to platform threads and logs a warning), {@link #nio(int)} uses the NIO mode.
 * <p>
 * The system property {@value #SO_SEND_BUFFER_PROPERTY} (bytes) sets the server sockets'
 * {@code SO_SNDBUF}, which no starter property sets: Spring Integration sizes an NIO connection's
 * output buffer from it, and {@code IdleConnectionsBenchmark} measures what that costs.
 */
public final class StarterEchoServer implements EchoServer {

	/** The system property that sets {@code SO_SNDBUF} of accepted sockets, e.g. {@code 8192}. */
	public static final String SO_SEND_BUFFER_PROPERTY = "echo.so-send-buffer";

	/** The demo-app's latency histogram of the listener calls, not of the running calls. */
	private static final String[] HISTOGRAMS = {
			"management.metrics.distribution.percentiles-histogram[ipc.tcp.handler]=true",
			"management.metrics.distribution.percentiles-histogram[ipc.tcp.handler.active]=false" };

	private final ConfigurableApplicationContext context;

	private StarterEchoServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start the echo application with connections on platform threads.
	 * @param port the port, 0 for an ephemeral one
	 * @return the running server
	 */
	public static EchoServer platformThreads(int port) {
		return start(port, false, "net");
	}

	/**
	 * Start the echo application in NIO mode.
	 * @param port the port, 0 for an ephemeral one
	 * @return the running server
	 */
	public static EchoServer nio(int port) {
		return start(port, false, "nio");
	}

	/**
	 * Start the echo application on a Unix domain socket, connections on platform threads: the
	 * path is the one the runner gave in {@value UnixSocketPath#ENVIRONMENT}.
	 * @param port not used
	 * @return the running server
	 */
	public static EchoServer unix(int port) {
		return start(0, false, "net", EchoApplication.class,
				"ipc.tcp.servers.echo.address=unix:" + UnixSocketPath.fromEnvironment());
	}

	/**
	 * Start the echo application on a Unix domain socket in NIO mode.
	 * @param port not used
	 * @return the running server
	 */
	public static EchoServer unixNio(int port) {
		return start(0, false, "nio", EchoApplication.class,
				"ipc.tcp.servers.echo.address=unix:" + UnixSocketPath.fromEnvironment());
	}

	/**
	 * Start the echo application with connections on virtual threads.
	 * @param port the port, 0 for an ephemeral one
	 * @return the running server
	 */
	public static EchoServer virtualThreads(int port) {
		return start(port, true, "net");
	}

	/**
	 * Start the echo application with connections on platform threads and the starter's
	 * Actuator metrics and observations on, as the demo-app has them: a Prometheus registry, the
	 * {@code ipc.tcp.*} meters and the {@code ipc.tcp.handler} timer with its latency histogram
	 * (nothing scrapes it here: what is measured is the cost of recording).
	 * @param port the port, 0 for an ephemeral one
	 * @return the running server
	 */
	public static EchoServer observed(int port) {
		return start(port, false, "net", ObservedEchoApplication.class, HISTOGRAMS);
	}

	/**
	 * Start the echo application as {@link #observed(int)} does, with every listener call a
	 * Micrometer Observation ({@code ipc.tcp.observation-enabled=true}, what tracing needs).
	 * @param port the port, 0 for an ephemeral one
	 * @return the running server
	 */
	public static EchoServer traced(int port) {
		String[] properties = Arrays.copyOf(HISTOGRAMS, HISTOGRAMS.length + 1);
		properties[HISTOGRAMS.length] = "ipc.tcp.observation-enabled=true";
		return start(port, false, "net", ObservedEchoApplication.class, properties);
	}

	/**
	 * Start the echo application as {@link #observed(int)} does, with the {@code ipc.tcp.handler}
	 * meters turned off ({@code management.observations.enable.ipc.tcp.handler=false}): the
	 * {@code ipc.tcp.*} counters and gauges only.
	 * @param port the port, 0 for an ephemeral one
	 * @return the running server
	 */
	public static EchoServer metricsOnly(int port) {
		return start(port, false, "net", ObservedEchoApplication.class,
				"management.observations.enable.ipc.tcp.handler=false");
	}

	private static EchoServer start(int port, boolean virtualThreads, String ioMode) {
		return start(port, virtualThreads, ioMode, EchoApplication.class);
	}

	private static EchoServer start(int port, boolean virtualThreads, String ioMode, Class<?> application,
			String... extraProperties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("ipc.tcp.servers.echo.port=" + port, "ipc.tcp.servers.echo.address=127.0.0.1",
					"ipc.tcp.servers.echo.framing=line", "ipc.tcp.servers.echo.max-frame-size=" + MAX_LINE_LENGTH,
					"ipc.tcp.virtual-threads=" + virtualThreads, "ipc.tcp.servers.echo.io-mode=" + ioMode, "spring.main.banner-mode=off")
			.properties(extraProperties)
			.run();
		Integer sendBuffer = Integer.getInteger(SO_SEND_BUFFER_PROPERTY);
		if (sendBuffer != null) {
			// applies to every socket accepted from now on; none has been, the port is not printed yet
			context.getBean(TcpServers.class).get("echo").getConnectionFactory().setSoSendBufferSize(sendBuffer);
		}
		return new StarterEchoServer(context);
	}

	@Override
	public int port() {
		return this.context.getBean(TcpServers.class).port("echo");
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * The application: the starter's TCP auto-configuration and one listener.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TcpAutoConfiguration.class)
	static class EchoApplication {

		@TcpListener("echo")
		byte[] echo(byte[] line) {
			return line;
		}

	}

	/**
	 * The same listener with every auto-configuration on the class path: Actuator, Micrometer
	 * with Prometheus, observations, and the starter's metrics and health.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class ObservedEchoApplication {

		@TcpListener("echo")
		byte[] echo(byte[] line) {
			return line;
		}

	}

}
