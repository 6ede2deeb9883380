package io.github.ipcboot.process.actuate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.ipcboot.process.CommandDefinition;
import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.TestLaunchers;
import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.process.ProcessRejectedException;
import io.github.ipcboot.process.ProcessSpec;
import io.github.ipcboot.process.RunningProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ProcessMetricsListener}: real child processes, exact counts in a
 * {@link SimpleMeterRegistry}.
 */
@Timeout(60)
class ProcessMetricsListenerTests {

	private final SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();

	private final List<ProcessObservationContext> stopped = new CopyOnWriteArrayList<>();

	private final ObservationRegistry observationRegistry = ObservationRegistry.create();

	private final ProcessRegistry processRegistry = new ProcessRegistry();

	private final DefaultProcessService service;

	ProcessMetricsListenerTests() {
		this.observationRegistry.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(this.meterRegistry))
			.observationHandler(new StoppedContexts());
		ProcessMetricsListener listener = new ProcessMetricsListener(this.meterRegistry, this.observationRegistry,
				null, this.processRegistry, List.of("sleeper"));
		this.service = TestLaunchers.builder()
			.registry(this.processRegistry)
			.maxConcurrent(2)
			.queue(1, Duration.ofSeconds(10))
			.terminationGrace(Duration.ofMillis(500))
			.command(CommandDefinition.of("sleeper", "sleep").withAllowedArgs("[0-9.]+").withMaxConcurrent(1))
			.listener(listener)
			.build();
	}

	@AfterEach
	void close() {
		this.service.close();
	}

	@Test
	void constructionShouldRegisterZeroMetersOfConfiguredCommandsAndAdhoc() {
		for (String command : List.of("sleeper", "adhoc")) {
			assertThat(gauge(ProcessMetricsListener.ACTIVE, command)).isZero();
			assertThat(gauge(ProcessMetricsListener.QUEUED, command)).isZero();
			assertThat(counter(ProcessMetricsListener.REJECTED, "command", command).count()).isZero();
			assertThat(counter(ProcessMetricsListener.KILLED, "command", command, "signal", "TERM").count()).isZero();
			assertThat(counter(ProcessMetricsListener.KILLED, "command", command, "signal", "KILL").count()).isZero();
		}
		Meter active = this.meterRegistry.get(ProcessMetricsListener.ACTIVE).tag("command", "sleeper").meter();
		assertThat(active.getId().getDescription()).isNotBlank();
		assertThat(active.getId().getBaseUnit()).isEqualTo("processes");
	}

	@Test
	void runsShouldBeTimedByOutcome() {
		this.service.run(ProcessSpec.of("/bin/true"));
		this.service.run(ProcessSpec.of("/bin/true"));
		this.service.run("sleeper", "0");
		this.service.run(ProcessSpec.shell("exit 3").check(false).build());
		this.service.run(ProcessSpec.builder("/nonexistent/program").check(false).build());
		assertThat(runs("adhoc", "success").count()).isEqualTo(2);
		assertThat(runs("sleeper", "success").count()).isEqualTo(1);
		assertThat(runs("adhoc", "failed").count()).isEqualTo(1);
		assertThat(runs("adhoc", "start_failed").count()).isEqualTo(1);
		assertThat(this.meterRegistry.get(DefaultProcessObservationConvention.NAME).timers())
			.allSatisfy((timer) -> assertThat(timer.getId().getTags()).extracting(Tag::getKey)
				.containsExactlyInAnyOrder("command", "outcome", "error"));
	}

	@Test
	void timedOutRunShouldBeTimedAndItsProcessCountedAsKilled() {
		this.service.run(ProcessSpec.builder("sleep", "1000").timeout(Duration.ofMillis(300)).check(false).build());
		assertThat(runs("adhoc", "timed_out").count()).isEqualTo(1);
		assertThat(counter(ProcessMetricsListener.KILLED, "command", "adhoc", "signal", "TERM").count()).isEqualTo(1);
		assertThat(counter(ProcessMetricsListener.KILLED, "command", "adhoc", "signal", "KILL").count()).isZero();
	}

	@Test
	void treeThatIgnoresSigtermShouldCountEveryProcessOfItForBothSignals() {
		RunningProcess process = this.service.start(
				ProcessSpec.shell("trap '' TERM; sleep 1000 & sleep 1000 & wait").check(false).build());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> ProcessHandle.of(process.pid()).map((p) -> p.descendants().count()).orElse(0L) == 2);
		process.cancel();
		process.await();
		assertThat(runs("adhoc", "cancelled").count()).isEqualTo(1);
		assertThat(counter(ProcessMetricsListener.KILLED, "command", "adhoc", "signal", "TERM").count()).isEqualTo(3);
		assertThat(counter(ProcessMetricsListener.KILLED, "command", "adhoc", "signal", "KILL").count()).isEqualTo(3);
	}

	@Test
	void gaugesShouldFollowRunningAndQueuedProcesses() throws Exception {
		RunningProcess sleeper = this.service.start("sleeper", "1000");
		assertThat(gauge(ProcessMetricsListener.ACTIVE, "sleeper")).isEqualTo(1);
		assertThat(gauge(ProcessMetricsListener.ACTIVE, "adhoc")).isZero();
		Thread waiter = new Thread(() -> this.service.run("sleeper", "0"));
		waiter.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> gauge(ProcessMetricsListener.QUEUED, "sleeper") == 1);
		assertThat(gauge(ProcessMetricsListener.QUEUED, "adhoc")).isZero();
		sleeper.cancel();
		waiter.join(Duration.ofSeconds(10).toMillis());
		assertThat(waiter.isAlive()).isFalse();
		assertThat(gauge(ProcessMetricsListener.QUEUED, "sleeper")).isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> gauge(ProcessMetricsListener.ACTIVE, "sleeper") == 0);
		assertThat(runs("sleeper", "cancelled").count()).isEqualTo(1);
		assertThat(runs("sleeper", "success").count()).isEqualTo(1);
	}

	@Test
	void rejectedRunShouldBeCountedForItsCommand() throws Exception {
		RunningProcess sleeper = this.service.start("sleeper", "1000");
		Thread waiter = new Thread(() -> this.service.run("sleeper", "0"));
		waiter.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.processRegistry.queued("sleeper") == 1);
		assertThatExceptionOfType(ProcessRejectedException.class).isThrownBy(() -> this.service.start("sleeper", "0"))
			.withMessageContaining("wait queue of 1 is full");
		assertThat(counter(ProcessMetricsListener.REJECTED, "command", "sleeper").count()).isEqualTo(1);
		assertThat(counter(ProcessMetricsListener.REJECTED, "command", "adhoc").count()).isZero();
		sleeper.cancel();
		waiter.join(Duration.ofSeconds(10).toMillis());
		assertThat(waiter.isAlive()).isFalse();
	}

	@Test
	void runUnderAnotherNameShouldRegisterItsMetersWhenFirstSeen() {
		assertThat(this.meterRegistry.find(ProcessMetricsListener.ACTIVE).tag("command", "nightly").gauge()).isNull();
		this.service.run(ProcessSpec.builder("/bin/true").name("nightly").build());
		assertThat(runs("nightly", "success").count()).isEqualTo(1);
		assertThat(gauge(ProcessMetricsListener.ACTIVE, "nightly")).isZero();
		assertThat(counter(ProcessMetricsListener.REJECTED, "command", "nightly").count()).isZero();
	}

	@Test
	void observationShouldCarryPidAsHighCardinalityKeyValue() {
		RunningProcess process = this.service.start(ProcessSpec.of("/bin/true"));
		process.await();
		await().atMost(Duration.ofSeconds(5)).until(() -> !this.stopped.isEmpty());
		ProcessObservationContext context = this.stopped.get(0);
		assertThat(context.getHighCardinalityKeyValue("pid").getValue()).isEqualTo(Long.toString(process.pid()));
		assertThat(context.getLowCardinalityKeyValue("command").getValue()).isEqualTo("adhoc");
		assertThat(context.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("success");
		assertThat(context.getContextualName()).isEqualTo("process adhoc");
		assertThat(this.meterRegistry.get(DefaultProcessObservationConvention.NAME).timer().getId().getTags())
			.noneMatch((tag) -> tag.getKey().equals("pid"));
	}

	private Timer runs(String command, String outcome) {
		return this.meterRegistry.get(DefaultProcessObservationConvention.NAME)
			.tag("command", command)
			.tag("outcome", outcome)
			.timer();
	}

	private double gauge(String name, String command) {
		return this.meterRegistry.get(name).tag("command", command).gauge().value();
	}

	private Counter counter(String name, String... tags) {
		return this.meterRegistry.get(name).tags(tags).counter();
	}

	private final class StoppedContexts implements ObservationHandler<ProcessObservationContext> {

		@Override
		public void onStop(ProcessObservationContext context) {
			ProcessMetricsListenerTests.this.stopped.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof ProcessObservationContext;
		}

	}

}
