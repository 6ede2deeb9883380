package io.github.ipcboot.udp.autoconfigure;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.github.ipcboot.udp.UdpContext;
import io.github.ipcboot.udp.UdpEndpoints;
import io.github.ipcboot.udp.UdpListener;
import io.github.ipcboot.udp.UdpStartupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the start-up failures of UDP endpoints: each must say what is wrong and where.
 */
@ExtendWith(OutputCaptureExtension.class)
class UdpEndpointStartUpTests {

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UdpAutoConfiguration.class))
		.withPropertyValues("ipc.udp.endpoints.echo.address=127.0.0.1");

	@Test
	void ephemeralPortShouldBeReportedInTheLog(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(Listener.class)
			.withPropertyValues("ipc.udp.endpoints.echo.port=0")
			.run((context) -> assertThat(output).contains("UDP endpoint 'echo' receiving on /127.0.0.1:"
					+ context.getBean(UdpEndpoints.class).port("echo")));
	}

	@Test
	void portInUseShouldFailStartUpNamingTheEndpointAndPort() throws Exception {
		try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
			int port = taken.getLocalPort();
			this.contextRunner.withUserConfiguration(Listener.class)
				.withPropertyValues("ipc.udp.endpoints.echo.port=" + port)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(java.net.BindException.class));
			this.contextRunner.withUserConfiguration(Listener.class)
				.withPropertyValues("ipc.udp.endpoints.echo.port=" + port)
				.run((context) -> assertThat(context).getFailure()
					.hasStackTraceContaining(UdpStartupException.class.getName())
					.hasStackTraceContaining("UDP endpoint 'echo' could not bind 127.0.0.1:" + port
							+ " (is the port in use, or the address not this host's?)"));
		}
	}

	@Test
	void missingPortShouldFailStartUp() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(UdpAutoConfiguration.class))
			.withPropertyValues("ipc.udp.endpoints.echo.address=127.0.0.1")
			.withUserConfiguration(Listener.class)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("ipc.udp.endpoints.echo.port is required"));
	}

	@Test
	void endpointWithoutListenerShouldFailStartUp() {
		this.contextRunner.withPropertyValues("ipc.udp.endpoints.echo.port=0")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("UDP endpoint 'echo' has no @UdpListener(\"echo\") method"));
	}

	@Test
	void listenerNamingNoEndpointShouldFailStartUp() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(UdpAutoConfiguration.class))
			.withUserConfiguration(Listener.class)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("@UdpListener(\"echo\")")
				.hasStackTraceContaining("names no configured endpoint"));
	}

	@Test
	void listenerWithAnUnsupportedParameterShouldFailStartUp() {
		this.contextRunner.withPropertyValues("ipc.udp.endpoints.echo.port=0")
			.withUserConfiguration(BadListener.class)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("has a parameter of type java.lang.Integer"));
	}

	@Test
	void multicastGroupThatIsNotMulticastShouldFailStartUp() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(UdpAutoConfiguration.class))
			.withUserConfiguration(Listener.class)
			.withPropertyValues("ipc.udp.endpoints.echo.port=0", "ipc.udp.endpoints.echo.multicast.group=10.1.2.3")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("ipc.udp.endpoints.echo.multicast.group '10.1.2.3' is not a multicast address"));
	}

	@Test
	void badAllowedClientShouldFailStartUpNamingTheEntry() {
		this.contextRunner.withUserConfiguration(Listener.class)
			.withPropertyValues("ipc.udp.endpoints.echo.port=0", "ipc.udp.endpoints.echo.allowed-clients=10.1.2.3/8")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Invalid configuration of ipc.udp.endpoints.echo.allowed-clients[0]"));
	}

	@Configuration(proxyBeanMethods = false)
	static class Listener {

		@UdpListener("echo")
		void onDatagram(byte[] datagram, UdpContext context) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadListener {

		@UdpListener("echo")
		void onDatagram(String text, Integer other) {
		}

	}

}
