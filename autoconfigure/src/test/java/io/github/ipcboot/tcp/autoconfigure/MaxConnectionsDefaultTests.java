package io.github.ipcboot.tcp.autoconfigure;

import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServerSettings;
import io.github.ipcboot.tcp.TcpServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default of {@code max-connections} follows the threads that serve the connections: a
 * platform thread each bounds it lower than virtual threads do.
 */
class MaxConnectionsDefaultTests {

	private static final boolean VIRTUAL_THREADS_AVAILABLE = Runtime.version().feature() >= 21;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
		.withUserConfiguration(EchoListener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1");

	@Test
	void platformThreadsShouldDefaultToOneThousandConnections() {
		this.contextRunner.run((context) -> {
			assertThat(settings(context).virtualThreads()).isFalse();
			assertThat(settings(context).maxConnections()).isEqualTo(1_000);
		});
	}

	@Test
	void nioShouldDefaultToOneThousandConnections() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.io-mode=nio")
			.run((context) -> assertThat(settings(context).maxConnections()).isEqualTo(1_000));
	}

	@Test
	void virtualThreadsShouldDefaultToTenThousandConnectionsWhereTheRuntimeHasThem() {
		this.contextRunner.withPropertyValues("ipc.tcp.virtual-threads=true").run((context) -> {
			if (!VIRTUAL_THREADS_AVAILABLE) {
				System.out.println("Java " + Runtime.version().feature()
						+ " has no virtual threads: checking that the platform-thread default applies");
			}
			assertThat(settings(context).virtualThreads()).isEqualTo(VIRTUAL_THREADS_AVAILABLE);
			assertThat(settings(context).maxConnections()).isEqualTo(VIRTUAL_THREADS_AVAILABLE ? 10_000 : 1_000);
		});
	}

	@Test
	void configuredMaxConnectionsShouldWinOverTheDefault() {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.max-connections=12345")
			.run((context) -> assertThat(settings(context).maxConnections()).isEqualTo(12_345));
	}

	private static TcpServerSettings settings(ApplicationContext context) {
		return context.getBean(TcpServers.class).get("echo").getSettings();
	}

	@Configuration(proxyBeanMethods = false)
	static class EchoListener {

		@TcpListener("echo")
		String onLine(String line) {
			return line;
		}

	}

}
