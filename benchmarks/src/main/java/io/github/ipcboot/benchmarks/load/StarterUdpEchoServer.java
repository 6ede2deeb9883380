package io.github.ipcboot.benchmarks.load;

import io.github.ipcboot.udp.UdpEndpoints;
import io.github.ipcboot.udp.UdpListener;
import io.github.ipcboot.udp.autoconfigure.UdpAutoConfiguration;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The UDP server a user of this starter writes: a Spring Boot application with
 * {@code ipc.udp.endpoints.echo} (the default endpoint configuration) and a {@code @UdpListener}
 * that returns each datagram.
 */
public final class StarterUdpEchoServer implements EchoServer {

	private final ConfigurableApplicationContext context;

	private StarterUdpEchoServer(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Start the echo application.
	 * @param port the port, 0 for an ephemeral one
	 * @return the running server
	 */
	public static EchoServer start(int port) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(EchoApplication.class)
			.web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties("ipc.udp.endpoints.echo.port=" + port, "ipc.udp.endpoints.echo.address=127.0.0.1",
					"spring.main.banner-mode=off")
			.run();
		return new StarterUdpEchoServer(context);
	}

	@Override
	public int port() {
		return this.context.getBean(UdpEndpoints.class).port("echo");
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * The application: the starter's UDP auto-configuration and one listener.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration(UdpAutoConfiguration.class)
	static class EchoApplication {

		@UdpListener("echo")
		byte[] echo(byte[] datagram) {
			return datagram;
		}

	}

}
