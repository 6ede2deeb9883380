package io.github.ipcboot.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link EnvironmentPolicy}: what named commands and ad-hoc runs inherit of the
 * application's environment, checked with a secret variable and {@code printenv} in an
 * application JVM started with that secret in its environment.
 */
@Timeout(120)
class EnvironmentPolicyTests {

	private static final String SECRET = "SPRING_DATASOURCE_PASSWORD";

	@Test
	void allowListShouldMatchNamesAndPrefixes() {
		EnvironmentPolicy policy = EnvironmentPolicy.defaults();
		assertThat(policy.inherits("PATH")).isTrue();
		assertThat(policy.inherits("LC_TIME")).isTrue();
		assertThat(policy.inherits("LC")).isFalse();
		assertThat(policy.inherits("PATHEXT")).isFalse();
		assertThat(policy.inherits(SECRET)).isFalse();
		assertThat(EnvironmentPolicy.all().inherits(SECRET)).isTrue();
		assertThat(EnvironmentPolicy.none().inherits("PATH")).isFalse();
		assertThat(policy.alsoAllowing(List.of("PG*", "PATH")).allowed()).endsWith("TMPDIR", "PG*")
			.containsOnlyOnce("PATH");
	}

	@Test
	void allowListShouldRejectWhatCannotBeAName() {
		assertThatIllegalArgumentException().isThrownBy(() -> EnvironmentPolicy.allowed("A*B"))
			.withMessage("Allowed environment variable 'A*B' must be a name, or a prefix followed by a single '*' at the end");
		assertThatIllegalArgumentException().isThrownBy(() -> EnvironmentPolicy.allowed(""));
		assertThatIllegalArgumentException().isThrownBy(() -> EnvironmentPolicy.allowed("A=B"));
	}

	@Test
	void specShouldApplyPolicyThenRemovalsThenItsOwnVariables() {
		Map<String, String> environment = new HashMap<>(Map.of("PATH", "/bin", "LC_ALL", "C", SECRET, "s3cret",
				"HOME", "/home/app"));
		ProcessSpec spec = ProcessSpec.builder("printenv")
			.environmentPolicy(EnvironmentPolicy.defaults())
			.removeEnvironment("HOME")
			.environment("PGHOST", "db")
			.build();
		assertThat(spec.changesEnvironment()).isTrue();
		spec.applyEnvironment(environment);
		assertThat(environment).containsOnly(Map.entry("PATH", "/bin"), Map.entry("LC_ALL", "C"),
				Map.entry("PGHOST", "db"));
		assertThat(ProcessSpec.of("printenv").changesEnvironment()).isFalse();
	}

	@Test
	void namedCommandShouldNotSeeTheApplicationsSecretsUnlessConfiguredTo() {
		try (DefaultProcessService service = DefaultProcessService.builder().build()) {
			String java = ProcessHandle.current().info().command().orElse("java");
			String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
			List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
			String buildOptions = System.getProperty("ipc.test.child-jvm-args", "").trim();
			if (!buildOptions.isEmpty()) {
				command.addAll(List.of(buildOptions.split("\\s+")));
			}
			command.addAll(List.of("-cp", classPath, Probe.class.getName()));
			ProcessResult result = service.run(ProcessSpec.builder(command.get(0))
				.args(command.subList(1, command.size()))
				.environment(SECRET, "s3cret")
				.environment("LC_TIME", "C")
				.timeout(Duration.ofSeconds(90))
				.build());
			// the probe's own log lines (such as the orphan reaper's start on JDK 22+) left out
			assertThat(result.stdout().lines()).filteredOn((line) -> line.contains(": secret=")).containsExactly(
					"default: secret=false PATH=true LC_TIME=true",
					"allow-listed: secret=true PATH=false LC_TIME=false",
					"all: secret=true PATH=true LC_TIME=true",
					"adhoc: secret=true PATH=true LC_TIME=true");
		}
	}

	/**
	 * Runs {@code printenv} as named commands with several policies and as an ad-hoc run, and
	 * prints which of the variables each saw.
	 */
	static final class Probe {

		private Probe() {
		}

		public static void main(String[] args) {
			try (DefaultProcessService service = DefaultProcessService.builder()
				.command(CommandDefinition.of("default", "printenv"))
				.command(CommandDefinition.of("allow-listed", "/usr/bin/printenv")
					.withEnvironmentPolicy(EnvironmentPolicy.allowed(SECRET)))
				.command(CommandDefinition.of("all", "printenv").withEnvironmentPolicy(EnvironmentPolicy.all()))
				.build()) {
				for (String name : List.of("default", "allow-listed", "all")) {
					report(name, service.run(name));
				}
				report("adhoc", service.run(ProcessSpec.of("printenv")));
			}
		}

		private static void report(String name, ProcessResult result) {
			List<String> lines = result.stdout().lines();
			System.out.println(name + ": secret=" + lines.contains(SECRET + "=s3cret") + " PATH="
					+ lines.stream().anyMatch((line) -> line.startsWith("PATH=")) + " LC_TIME="
					+ lines.contains("LC_TIME=C"));
		}

	}

}
