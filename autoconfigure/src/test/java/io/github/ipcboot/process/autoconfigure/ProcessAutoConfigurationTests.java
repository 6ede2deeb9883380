package io.github.ipcboot.process.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.github.ipcboot.process.ArgumentRejectedException;
import io.github.ipcboot.process.CommandDefinition;
import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.EnvironmentPolicy;
import io.github.ipcboot.process.ProcessListener;
import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.process.ProcessRejectedException;
import io.github.ipcboot.process.ProcessResult;
import io.github.ipcboot.process.ProcessService;
import io.github.ipcboot.process.ProcessSpec;
import io.github.ipcboot.process.RunningProcess;
import io.github.ipcboot.process.TestLaunchers;
import io.github.ipcboot.process.testing.FakeProcessService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ProcessAutoConfiguration}.
 */
@Timeout(30)
class ProcessAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ProcessAutoConfiguration.class));

	@Test
	void autoConfigurationShouldProvideServiceAndRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(DefaultProcessService.class).hasSingleBean(ProcessRegistry.class);
			assertThat(context.getBean(DefaultProcessService.class).getRegistry())
				.isSameAs(context.getBean(ProcessRegistry.class));
			ProcessResult result = context.getBean(ProcessService.class).run(ProcessSpec.of("/bin/echo", "hi"));
			assertThat(result.stdoutText()).isEqualTo("hi\n");
		});
	}

	@Test
	void namedCommandsShouldBeConfiguredFromProperties() {
		this.contextRunner
			.withPropertyValues("ipc.process.commands.greet.command[0]=/bin/sh",
					"ipc.process.commands.greet.command[1]=-c",
					"ipc.process.commands.greet.command[2]=echo \"$GREETING $1\" from $(pwd)",
					"ipc.process.commands.greet.command[3]=sh", "ipc.process.commands.greet.directory=/tmp",
					"ipc.process.commands.greet.environment.GREETING=hello",
					"ipc.process.commands.greet.allowed-args=[a-z]+", "ipc.process.commands.greet.timeout=5")
			.run((context) -> {
				ProcessService service = context.getBean(ProcessService.class);
				assertThat(service.run("greet", "world").stdoutText()).isEqualTo("hello world from /tmp\n");
				assertThatExceptionOfType(ArgumentRejectedException.class)
					.isThrownBy(() -> service.run("greet", "World"));
			});
	}

	@Test
	void environmentPolicyShouldBeConfiguredGloballyAndPerCommand() {
		this.contextRunner
			.withPropertyValues("ipc.process.environment.allow=PATH,LC_*", "ipc.process.commands.plain.command=env",
					"ipc.process.commands.pg.command=pg_dump", "ipc.process.commands.pg.allow-environment=PGPASSFILE",
					"ipc.process.commands.trusted.command=env",
					"ipc.process.commands.trusted.inherit-environment=all")
			.run((context) -> {
				ProcessService service = context.getBean(ProcessService.class);
				assertThat(service.command("plain", List.of()).build().environmentPolicy())
					.isEqualTo(EnvironmentPolicy.allowed("PATH", "LC_*"));
				assertThat(service.command("pg", List.of()).build().environmentPolicy())
					.isEqualTo(EnvironmentPolicy.allowed("PATH", "LC_*", "PGPASSFILE"));
				assertThat(service.command("trusted", List.of()).build().environmentPolicy().inherit())
					.isEqualTo(EnvironmentPolicy.Inheritance.ALL);
				assertThat(service.run("plain").stdout().lines()).anyMatch((line) -> line.startsWith("PATH="))
					.noneMatch((line) -> line.startsWith("HOME="));
			});
	}

	@Test
	void namedCommandsShouldInheritOnlyTheDefaultAllowListUnlessConfigured() {
		this.contextRunner.withPropertyValues("ipc.process.commands.plain.command=env").run((context) -> {
			ProcessService service = context.getBean(ProcessService.class);
			assertThat(service.command("plain", List.of()).build().environmentPolicy())
				.isEqualTo(EnvironmentPolicy.defaults());
			assertThat(ProcessSpec.of("env").environmentPolicy()).as("ad-hoc runs")
				.isEqualTo(EnvironmentPolicy.all());
		});
	}

	@Test
	void maxLineLengthShouldBeConfiguredFromProperties() {
		List<String> lines = new CopyOnWriteArrayList<>();
		this.contextRunner.withPropertyValues("ipc.process.max-line-length=3").run((context) -> {
			context.getBean(ProcessService.class)
				.run(ProcessSpec.builder("/bin/echo", "abcdefg").onStdoutLine(lines::add).build());
			assertThat(lines).containsExactly("abc", "def", "g");
		});
	}

	@Test
	void limitsShouldBeConfiguredFromProperties() {
		this.contextRunner
			.withPropertyValues("ipc.process.max-concurrent=1", "ipc.process.queue.capacity=0",
					"ipc.process.max-captured-output=4B")
			.run((context) -> {
				ProcessService service = context.getBean(ProcessService.class);
				RunningProcess sleeper = service.start(ProcessSpec.of("sleep", "1000"));
				assertThatExceptionOfType(ProcessRejectedException.class)
					.isThrownBy(() -> service.run(ProcessSpec.of("/bin/true")))
					.withMessageContaining("max-concurrent of 1 reached and the wait queue of 0 is full");
				sleeper.cancel();
				sleeper.onExit().exceptionally((ex) -> null).join();
				ProcessResult result = service.run(ProcessSpec.of("/bin/echo", "truncated"));
				assertThat(result.stdout().truncated()).isTrue();
				assertThat(result.stdout().totalBytes()).isEqualTo(10);
			});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void launcherAndContainmentShouldBeConfiguredFromPropertiesAndLogged(
			org.springframework.boot.test.system.CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("ipc.process.launcher=jdk", "ipc.process.contain-descendants=false",
					"ipc.process.commands.daemon.command[0]=/bin/sh", "ipc.process.commands.daemon.command[1]=-c",
					"ipc.process.commands.daemon.command[2]=env",
					"ipc.process.commands.daemon.contain-descendants=true")
			.run((context) -> {
				DefaultProcessService service = context.getBean(DefaultProcessService.class);
				assertThat(service.getLauncher()).isEqualTo("jdk");
				assertThat(service.isContainDescendants()).isFalse();
				// the command that opts in makes the JVM a subreaper on JDK 22+
				assertThat(output).contains("Processes start with the jdk launcher; containment: process-group"
						+ TestLaunchers.orphanAdoption() + " (descendants may outlive their run: ipc.process.contain-descendants=false)");
				// the command opts back in: its runs carry the marker that finds their descendants
				assertThat(service.run("daemon").stdout().lines()).anyMatch((line) -> line.startsWith("IPC_PROCESS_RUN="));
				assertThat(service.run(ProcessSpec.of("env")).stdout().lines())
					.noneMatch((line) -> line.startsWith("IPC_PROCESS_RUN="));
			});
	}

	@Test
	void invalidAllowedArgsShouldFailStartupClearly() {
		this.contextRunner
			.withPropertyValues("ipc.process.commands.bad.command[0]=ls", "ipc.process.commands.bad.allowed-args=[")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("ipc.process.commands.bad.allowed-args is not a valid regular expression"));
	}

	@Test
	void listenerAndCustomizerBeansShouldBeApplied() {
		this.contextRunner.withUserConfiguration(ListenerConfiguration.class)
			.withPropertyValues("ipc.process.max-concurrent=4")
			.run((context) -> {
				DefaultProcessService service = context.getBean(DefaultProcessService.class);
				service.run(ProcessSpec.of("/bin/true"));
				List<ProcessResult> finished = context.getBean(ListenerConfiguration.class).finished;
				assertThat(finished).extracting(ProcessResult::displayName).containsExactly("adhoc");
				// the command the customizer added, run by name
				ProcessResult custom = service.run("custom");
				assertThat(custom.isSuccess()).isTrue();
				assertThat(custom.command().argv()).containsExactly("/bin/true");
				assertThat(finished).extracting(ProcessResult::displayName).containsExactly("adhoc", "custom");
				// customizers run after the properties, in order: the last one's limit wins
				assertThat(service.getMaxConcurrent()).isEqualTo(7);
			});
	}

	@Test
	void userProcessServiceShouldBackOff() {
		this.contextRunner.withBean(ProcessService.class, FakeProcessService::new).run((context) -> {
			assertThat(context).hasSingleBean(ProcessService.class).doesNotHaveBean(DefaultProcessService.class);
			assertThat(context.getBean(ProcessService.class)).isInstanceOf(FakeProcessService.class);
		});
	}

	@Test
	void closingContextShouldTerminateRunningProcessTrees() {
		List<ProcessHandle> tree = new CopyOnWriteArrayList<>();
		this.contextRunner.withPropertyValues("ipc.process.termination-grace=1").run((context) -> {
			RunningProcess process = context.getBean(ProcessService.class)
				.start(ProcessSpec.shell("sleep 1000 & sleep 1000 & wait").build());
			tree.add(ProcessHandle.of(process.pid()).orElseThrow());
			await().atMost(Duration.ofSeconds(10)).until(() -> tree.get(0).descendants().count() == 2);
			tree.get(0).descendants().forEach(tree::add);
		});
		assertThat(tree).hasSize(3).noneMatch(ProcessAutoConfigurationTests::isRunning);
	}

	/** A killed descendant may linger as a zombie where init does not reap; it no longer runs. */
	private static boolean isRunning(ProcessHandle process) {
		return process.isAlive() && process.info().command().isPresent();
	}

	@Configuration(proxyBeanMethods = false)
	static class ListenerConfiguration {

		final List<ProcessResult> finished = new CopyOnWriteArrayList<>();

		@Bean
		ProcessListener recordingListener() {
			return new ProcessListener() {
				@Override
				public void processFinished(ProcessResult result) {
					ListenerConfiguration.this.finished.add(result);
				}
			};
		}

		@Bean
		@Order(1)
		ProcessServiceCustomizer customCommand() {
			return (builder) -> builder.command(CommandDefinition.of("custom", "/bin/true")).maxConcurrent(5);
		}

		@Bean
		@Order(2)
		ProcessServiceCustomizer laterLimit() {
			return (builder) -> builder.maxConcurrent(7);
		}

	}

}
