package io.github.ipcboot.udp.autoconfigure;

import io.github.ipcboot.udp.UdpListener;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for wiring {@code @UdpListener} methods: two listeners on one endpoint fail the start.
 */
class UdpListenerWiringTests {

	@Test
	void twoListenersOnOneEndpointShouldFailTheStart() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(UdpAutoConfiguration.class))
			.withPropertyValues("ipc.udp.endpoints.echo.port=0", "ipc.udp.endpoints.echo.address=127.0.0.1")
			.withUserConfiguration(TwoListeners.class)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("UDP endpoint 'echo' has 2 @UdpListener methods ("));
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoListeners {

		@Bean
		Listener listener() {
			return new Listener();
		}

		@Bean
		Listener otherListener() {
			return new Listener();
		}

	}

	static class Listener {

		@UdpListener("echo")
		String onDatagram(String text) {
			return text;
		}

	}

}
