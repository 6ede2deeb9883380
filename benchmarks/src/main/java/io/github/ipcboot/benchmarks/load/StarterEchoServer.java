package io.github.ipcboot.benchmarks.load;

import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The server a user of this starter writes: a Spring Boot application with
 * {@code ipc.tcp.servers.echo} (framing {@code line}, the default server configuration) and a
 * {@code @TcpListener} that returns each line. {@link #platformThreads(int)} serves connections on
 * platform threads, {@link #virtualThreads(int)} on virtual threads (Java 21+; on older Java the
 * starter falls back to platform threads and logs a warning), {@link #nio(int)} uses the NIO mode.
 */
public final class StarterEchoServer implements EchoServer {

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
	 * Start the echo application with connections on virtual threads.
	 * @param port the port, 0 for an ephemeral one
	 * @return the running server
	 */
	public static EchoServer virtualThreads(int port) {
		return start(port, true, "net");
	}

	private static EchoServer start(int port, boolean virtualThreads, String ioMode) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoApplication.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("ipc.tcp.servers.echo.port=" + port, "ipc.tcp.servers.echo.address=127.0.0.1",
					"ipc.tcp.servers.echo.framing=line", "ipc.tcp.servers.echo.max-frame-size=" + MAX_LINE_LENGTH,
					"ipc.tcp.virtual-threads=" + virtualThreads, "ipc.tcp.servers.echo.io-mode=" + ioMode, "spring.main.banner-mode=off")
			.run();
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

}
