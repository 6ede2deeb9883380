package io.github.ipcboot.tcp.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			address=127.0.0.1, proxy-protocol.header-timeout=0s   | proxy-protocol.header-timeout must be positive, got PT0S
			address=127.0.0.1, proxy-protocol.max-header-size=200B | proxy-protocol.max-header-size must be 232 to 65551 bytes, got 200
			address=unix:/tmp/ipc-proxy-test.sock                   | server 'orders' listens on a Unix domain socket: proxy-protocol applies only to a server that listens on a TCP port
			address=127.0.0.1, proxy-protocol.trusted-proxies=10.0.0.1/8 | Invalid configuration of ipc.tcp.servers.orders.proxy-protocol.trusted-proxies[0]
			""")
	void proxyProtocolMistakeShouldFailStartUpNamingIt(String properties, String message) {
		String[] values = properties.split(", ");
		for (int i = 0; i < values.length; i++) {
			values[i] = "ipc.tcp.servers.orders." + values[i];
		}
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.orders.port=0", "ipc.tcp.servers.orders.proxy-protocol.enabled=true")
			.withPropertyValues(values)
			.run((context) -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining(message));
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

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			port=0                  | Port of TCP client 'pricing' must be 1-65535, got 0
			port=65536              | Port of TCP client 'pricing' must be 1-65535, got 65536
			max-reply-frames=0      | max-reply-frames of TCP client 'pricing' must be at least 1, got 0
			max-reply-size=0B       | max-reply-size of TCP client 'pricing' must be at least 1 byte, got 0
			pool-size=0             | pool-size of TCP client 'pricing' must be at least 1, got 0
			""")
	void clientLimitOutOfRangeShouldFailStartUpNamingIt(String property, String message) {
		this.contextRunner
			.withPropertyValues("ipc.tcp.clients.pricing.host=127.0.0.1", "ipc.tcp.clients.pricing.port=7000",
					"ipc.tcp.clients.pricing." + property)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Invalid configuration of ipc.tcp.clients.pricing: " + message));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			ipc.tcp.clients.pricing.host=127.0.0.1
			ipc.tcp.clients.pricing.port=7000
			""")
	void clientWithoutHostOrPortShouldFailStartUp(String only) {
		this.contextRunner.withPropertyValues(only)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("ipc.tcp.clients.pricing.host and ipc.tcp.clients.pricing.port are required"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			port=-1                        | Port of TCP server 'orders' must be 0-65535, got -1
			port=65536                     | Port of TCP server 'orders' must be 0-65535, got 65536
			handshake-timeout=0s           | handshake-timeout must be positive, got PT0S
			handshake-timeout=-1s          | handshake-timeout must be positive, got PT-1S
			max-connections-per-client=-1  | max-connections-per-client must be 0 (no limit) or more, got -1
			max-pending-bytes=0B           | max-pending-bytes must be positive, got 0
			""")
	void serverLimitOutOfRangeShouldFailStartUpNamingIt(String property, String message) {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.orders.port=0", "ipc.tcp.servers.orders.address=127.0.0.1",
					"ipc.tcp.servers.orders." + property)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Invalid configuration of ipc.tcp.servers.orders: " + message));
	}

}
