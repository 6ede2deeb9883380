package io.github.ipcboot.shutdown.actuate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.TestThreads;
import io.github.ipcboot.shutdown.GracefulShutdownCoordinator;
import io.github.ipcboot.shutdown.ShutdownResult;
import io.github.ipcboot.shutdown.autoconfigure.ShutdownAutoConfiguration;
import io.github.ipcboot.tcp.TcpClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ShutdownMetricsAutoConfiguration}.
 */
class ShutdownMetricsAutoConfigurationTests {

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(ShutdownAutoConfiguration.class, ShutdownMetricsAutoConfiguration.class))
		.withPropertyValues("ipc.shutdown.handle-signals=false");

	@Test
	void metersShouldExistBeforeAnyShutdownAndRecordTheDrain() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.contextRunner.withPropertyValues("ipc.shutdown.drain-delay=1s")
			.withBean(MeterRegistry.class, () -> registry)
			.run((context) -> {
				assertThat(context).hasSingleBean(ShutdownMetrics.class);
				assertThat(registry.get("ipc.shutdown.draining").gauge().value()).isZero();
				assertThat(registry.get("ipc.shutdown.duration").tag("result", "drained").timer().count()).isZero();
				assertThat(registry.get("ipc.shutdown.duration").tag("result", "forced").timer().count()).isZero();
				CompletableFuture<Void> closed = TestThreads.runAsync(context::close);
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(registry.get("ipc.shutdown.draining").gauge().value()).isOne());
				closed.get(10, TimeUnit.SECONDS);
				assertThat(registry.get("ipc.shutdown.draining").gauge().value()).isZero();
				assertThat(registry.get("ipc.shutdown.duration").tag("result", "drained").timer().count()).isOne();
				assertThat(registry.get("ipc.shutdown.duration").tag("result", "forced").timer().count()).isZero();
			});
	}

	@Test
	void drainThatFailsShouldCountAsForcedAndResetTheGauge() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		this.contextRunner.withBean(MeterRegistry.class, () -> registry)
			.withBean(TcpClients.class, () -> new TcpClients(List.of()) {

				@Override
				public void beginDrain() {
					throw new IllegalStateException("test: the drain failed");
				}

			})
			.run((context) -> {
				GracefulShutdownCoordinator coordinator = context.getBean(GracefulShutdownCoordinator.class);
				context.close();
				assertThat(coordinator.isDraining()).isFalse();
				assertThat(coordinator.getResult()).isNotNull().satisfies((result) -> {
					assertThat(result.drained()).isFalse();
					assertThat(result.exitCode()).isEqualTo(ShutdownResult.FORCED_EXIT_CODE);
				});
				assertThat(registry.get("ipc.shutdown.draining").gauge().value()).isZero();
				assertThat(registry.get("ipc.shutdown.duration").tag("result", "forced").timer().count()).isOne();
			});
	}

	@Test
	void metersShouldBeAbsentWithoutARegistry() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(GracefulShutdownCoordinator.class)
			.doesNotHaveBean(ShutdownMetrics.class));
	}

	@Test
	void metersShouldBeAbsentWhenMetricsAreDisabled() {
		this.contextRunner.withPropertyValues("ipc.metrics.enabled=false")
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).doesNotHaveBean(ShutdownMetrics.class));
	}

	@Test
	void metersShouldBeAbsentWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ShutdownMetrics.class));
	}

}
