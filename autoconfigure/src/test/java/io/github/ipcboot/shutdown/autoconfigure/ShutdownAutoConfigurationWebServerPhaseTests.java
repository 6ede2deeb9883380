package io.github.ipcboot.shutdown.autoconfigure;

import java.time.Duration;

import io.github.ipcboot.shutdown.GracefulShutdownCoordinator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link ShutdownAutoConfiguration} budgets the web servers' graceful shutdowns: a bean named
 * {@code webServerGracefulShutdown} stands for the one a web server application context registers.
 */
class ShutdownAutoConfigurationWebServerPhaseTests {

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ShutdownAutoConfiguration.class))
		.withPropertyValues("ipc.shutdown.handle-signals=false");

	final ApplicationContextRunner webContextRunner = this.contextRunner.withBean("webServerGracefulShutdown",
			Object.class, Object::new);

	@Test
	void noWebServerShouldBudgetNoWebServerPhase() {
		this.contextRunner.run((context) -> assertThat(webServerPhase(context)).isZero());
	}

	@Test
	void webServerShouldBudgetDefaultPhase() {
		this.webContextRunner.run((context) -> assertThat(webServerPhase(context)).isEqualTo(Duration.ofSeconds(30)));
	}

	@Test
	void webServerShouldBudgetConfiguredPhase() {
		this.webContextRunner.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=7s")
			.run((context) -> assertThat(webServerPhase(context)).isEqualTo(Duration.ofSeconds(7)));
	}

	@Test
	void immediateWebServerShutdownShouldBudgetNoPhase() {
		this.webContextRunner.withPropertyValues("server.shutdown=IMMEDIATE")
			.run((context) -> assertThat(webServerPhase(context)).isZero());
	}

	@Test
	void gracefulWebServerShutdownShouldBudgetPhase() {
		this.webContextRunner.withPropertyValues("server.shutdown=graceful")
			.run((context) -> assertThat(webServerPhase(context)).isEqualTo(Duration.ofSeconds(30)));
	}

	@Test
	void managementServerOnOwnPortShouldBudgetTwoPhases() {
		this.webContextRunner
			.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=5s", "management.server.port=9001")
			.run((context) -> assertThat(webServerPhase(context)).isEqualTo(Duration.ofSeconds(10)));
	}

	@Test
	void managementServerOnRandomPortShouldBudgetTwoPhases() {
		this.webContextRunner
			.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=5s", "management.server.port=0",
					"server.port=0")
			.run((context) -> assertThat(webServerPhase(context)).isEqualTo(Duration.ofSeconds(10)));
	}

	@Test
	void managementPortOfServerShouldBudgetOnePhase() {
		this.webContextRunner
			.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=5s", "management.server.port=9001",
					"server.port=9001")
			.run((context) -> assertThat(webServerPhase(context)).isEqualTo(Duration.ofSeconds(5)));
	}

	@Test
	void managementPortOfDefaultServerPortShouldBudgetOnePhase() {
		this.webContextRunner
			.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=5s", "management.server.port=8080")
			.run((context) -> assertThat(webServerPhase(context)).isEqualTo(Duration.ofSeconds(5)));
	}

	@Test
	void managementPortBesideOtherServerPortShouldBudgetTwoPhases() {
		this.webContextRunner
			.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=5s", "management.server.port=8080",
					"server.port=8081")
			.run((context) -> assertThat(webServerPhase(context)).isEqualTo(Duration.ofSeconds(10)));
	}

	@Test
	void disabledManagementServerShouldBudgetOnePhase() {
		this.webContextRunner
			.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=5s", "management.server.port=-1")
			.run((context) -> assertThat(webServerPhase(context)).isEqualTo(Duration.ofSeconds(5)));
	}

	@Test
	void signalNamesShouldBeNormalisedBeforeTheyAreCompared() {
		this.contextRunner.withPropertyValues("ipc.shutdown.signals=sigterm, int", "ipc.shutdown.event-signals= SigUsr2 ,Term")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Signal TERM is both in ipc.shutdown.signals and ipc.shutdown.event-signals"));
	}

	private static Duration webServerPhase(ApplicationContext context) {
		return context.getBean(GracefulShutdownCoordinator.class).getBudget().webServerPhase();
	}

}
