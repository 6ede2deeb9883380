package io.github.ipcboot.tcp.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration mistakes in a server's or client's properties fail the start-up with the
 * property to fix in the message.
 */
class TcpEndpointConfigurationErrorsTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class));

	@Test
	void serverWithoutAPortShouldFailStartUp() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.orders.address=127.0.0.1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("ipc.tcp.servers.orders.port is required (use 0 for an ephemeral port)"));
	}

	@Test
	void sslBundleWithoutSslBundlesShouldFailStartUp() {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.orders.port=0", "ipc.tcp.servers.orders.address=127.0.0.1",
					"ipc.tcp.servers.orders.ssl.bundle=orders")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining(
						"ipc.tcp.servers.orders.ssl.bundle is set but there are no SSL bundles (spring.ssl.bundle.*)"));
	}

	@Test
	void clientWithAnInvalidFramingShouldFailStartUp() {
		this.contextRunner
			.withPropertyValues("ipc.tcp.clients.pricing.host=127.0.0.1", "ipc.tcp.clients.pricing.port=7000",
					"ipc.tcp.clients.pricing.framing=terminator")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining(
						"Invalid configuration of ipc.tcp.clients.pricing: framing 'terminator' needs a terminator"));
	}

}
