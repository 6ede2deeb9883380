package io.github.ipcboot.process.actuate;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.ProcessRejectedException;
import io.github.ipcboot.process.ProcessSpec;
import io.github.ipcboot.process.RunningProcess;
import io.github.ipcboot.process.TestLaunchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ProcessesHealthIndicator}.
 */
@Timeout(30)
class ProcessesHealthIndicatorTests {

	private final DefaultProcessService service = TestLaunchers.builder()
		.maxConcurrent(1)
		.queue(1, Duration.ofSeconds(10))
		.terminationGrace(Duration.ofMillis(500))
		.build();

	private final ProcessesHealthIndicator indicator = new ProcessesHealthIndicator(this.service);

	@AfterEach
	void close() {
		this.service.close();
	}

	@Test
	void healthWhenIdleShouldBeUpWithCapacityDetails() {
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("active", 0)
			.containsEntry("maxConcurrent", 1)
			.containsEntry("queued", 0)
			.containsEntry("queueCapacity", 1)
			.containsEntry("rejected", 0L)
			.containsEntry("launcher", this.service.getLauncher())
			.containsEntry("containment", "process-group+marker" + TestLaunchers.orphanAdoption())
			.containsEntry("containDescendants", true);
		assertThat(this.service.getLauncher()).isIn("jdk", "native");
	}

	@Test
	void healthWhenSaturatedShouldStayUpAndShowTheLoad() throws Exception {
		RunningProcess sleeper = this.service.start(ProcessSpec.of("sleep", "1000"));
		Thread waiter = new Thread(() -> this.service.run(ProcessSpec.of("/bin/true")));
		waiter.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.service.getRegistry().queued() == 1);
		assertThatExceptionOfType(ProcessRejectedException.class)
			.isThrownBy(() -> this.service.start(ProcessSpec.of("/bin/true")));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("active", 1)
			.containsEntry("queued", 1)
			.containsEntry("rejected", 1L);
		sleeper.cancel();
		waiter.join(Duration.ofSeconds(10).toMillis());
		assertThat(waiter.isAlive()).isFalse();
	}

	@Test
	void healthWhenServiceIsClosedShouldBeOutOfService() {
		this.service.close();
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
	}

}
