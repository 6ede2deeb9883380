package io.github.ipcboot.tcp;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;

import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;
import io.github.ipcboot.tcp.autoconfigure.TcpMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A blocking server whose connection threads cannot be started: the connection is turned away
 * and counted, and the acceptor goes on serving the next clients.
 */
class TcpServerThreadLimitTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Tags SERVER = Tags.of("name", "echo", "side", "server");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class, TcpMetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withUserConfiguration(Ack.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
				"ipc.tcp.servers.echo.io-mode=net");

	@Test
	void connectionsThatGetNoThreadShouldBeTurnedAwayWhileTheServerGoesOnAccepting() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			TcpServer server = context.getBean(TcpServers.class).get("echo");
			Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
			server.stop();
			server.decorateConnectionThreads((executor) -> (task) -> {
				Throwable failure = failures.poll();
				if (failure instanceof Error error) {
					throw error;
				}
				if (failure instanceof RuntimeException exception) {
					throw exception;
				}
				executor.execute(task);
			});
			server.start(TIMEOUT.toMillis());
			try (LineClient served = new LineClient(server.getPort())) {
				assertThat(served.request("first")).isEqualTo("ACK first");
				failures.add(new OutOfMemoryError("unable to create native thread: possibly out of memory"));
				failures.add(new RejectedExecutionException("pool full"));
				try (LineClient refused = new LineClient(server.getPort());
						LineClient alsoRefused = new LineClient(server.getPort())) {
					assertThat(refused.isClosedByServer()).isTrue();
					assertThat(alsoRefused.isClosedByServer()).isTrue();
				}
				try (LineClient next = new LineClient(server.getPort())) {
					assertThat(next.request("next")).isEqualTo("ACK next");
				}
				assertThat(served.request("still")).isEqualTo("ACK still");
			}
			assertThat(registry.get("ipc.tcp.connections.rejected").tags(SERVER).tag("reason", "thread_limit")
				.counter().count()).isEqualTo(2);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(server.getActiveConnections()).isZero());
			assertThat(registry.get("ipc.tcp.connections.closed").tags(SERVER).tag("reason", "error").counter().count())
				.isEqualTo(2);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Ack {

		@TcpListener("echo")
		String onLine(String line) {
			return "ACK " + line;
		}

	}

}
