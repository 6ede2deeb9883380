package io.github.ipcboot.tcp.unix;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.TestThreads;
import io.github.ipcboot.process.autoconfigure.ProcessAutoConfiguration;
import io.github.ipcboot.shutdown.GracefulShutdownCoordinator;
import io.github.ipcboot.shutdown.autoconfigure.ShutdownAutoConfiguration;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * The graceful shutdown of a server on a Unix domain socket: the socket file goes at once (new
 * clients are refused), idle connections close, a frame being handled is answered first.
 */
class UnixSocketDrainTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	Path dir;

	@Test
	void closingTheContextShouldFinishTheBusyConnectionCloseTheIdleOneAndRefuseNewOnes() {
		Path socket = this.dir.resolve("work.sock");
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
					TcpAutoConfiguration.class, ProcessAutoConfiguration.class, ShutdownAutoConfiguration.class))
			.withUserConfiguration(BlockingListener.class)
			.withPropertyValues("ipc.shutdown.handle-signals=false", "ipc.tcp.servers.work.address=unix:" + socket,
					"ipc.tcp.servers.work.on-shutdown=reply")
			.run((context) -> {
				BlockingListener listener = context.getBean(BlockingListener.class);
				TcpServer server = context.getBean(TcpServers.class).get("work");
				GracefulShutdownCoordinator coordinator = context.getBean(GracefulShutdownCoordinator.class);
				try (UnixLineClient busy = new UnixLineClient(socket); UnixLineClient idle = new UnixLineClient(socket)) {
					assertThat(idle.request("ping")).isEqualTo("ACK ping");
					busy.send("SLOW");
					assertThat(listener.slowStarted.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
					CompletableFuture<Void> closed = TestThreads.runAsync(context::close);
					assertThat(idle.readLine()).as("idle connection closed at the start").isNull();
					await().atMost(TIMEOUT).until(server::isDraining);
					assertThat(socket).doesNotExist();
					assertThatIOException().isThrownBy(() -> new UnixLineClient(socket).close());
					listener.release.countDown();
					assertThat(busy.readLine()).isEqualTo("DONE");
					assertThat(busy.readLine()).as("busy connection closed after its reply").isNull();
					closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
					assertThat(coordinator.getResult()).isNotNull()
						.satisfies((result) -> assertThat(result.drained()).isTrue());
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class BlockingListener {

		final CountDownLatch slowStarted = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@TcpListener("work")
		String onLine(String line) throws InterruptedException {
			if (line.equals("SLOW")) {
				this.slowStarted.countDown();
				return this.release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS) ? "DONE" : "TIMEOUT";
			}
			return "ACK " + line;
		}

	}

}
