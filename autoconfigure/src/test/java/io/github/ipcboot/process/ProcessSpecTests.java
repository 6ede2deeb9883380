package io.github.ipcboot.process;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What {@link ProcessSpec} and its builder reject before anything is started.
 */
class ProcessSpecTests {

	@Test
	void emptyCommandLineShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(ProcessSpec::of)
			.withMessage("A command line needs at least the program to run");
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessSpec.builder(""))
			.withMessage("Program must not be empty");
	}

	@Test
	void environmentTheOperatingSystemCannotHoldOrTheMarkerShouldBeRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessSpec.builder("env").environment("A=B", "x"))
			.withMessage("Environment variable name 'A=B' is empty or contains '=' or NUL");
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessSpec.builder("env").environment("", "x"))
			.withMessageContaining("is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessSpec.builder("env").environment("A", "cut\0here"))
			.withMessage("The value of environment variable A contains a NUL character");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcessSpec.builder("env").environment("IPC_PROCESS_RUN", "1-2-3"))
			.withMessageStartingWith("IPC_PROCESS_RUN is set by the process service");
		assertThat(ProcessSpec.builder("env").environment("A", "=fine=").build().environment()).containsEntry("A", "=fine=");
	}

	@Test
	void argumentWithANulCharacterShouldBeRejected() {
		// a NUL would silently cut the argument short in the operating system's argv
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessSpec.builder("echo", "ok", "cut\0here"))
			.withMessage("Argument 2 contains a NUL character");
	}

	@Test
	void timeoutShouldBePositiveOrExplicitlyNone() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProcessSpec.builder("true").timeout(Duration.ZERO))
			.withMessage("Timeout must be positive (was PT0S); use noTimeout()");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProcessSpec.builder("true").timeout(Duration.ofSeconds(-1)))
			.withMessageStartingWith("Timeout must be positive (was PT-1S)");
		assertThat(ProcessSpec.builder("true").noTimeout().build().timeout()).isEqualTo(Duration.ZERO);
		assertThat(ProcessSpec.builder("true").timeout(Duration.ofSeconds(3)).build().timeout())
			.isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void specShouldDescribeItselfByNameAndCommandLine() {
		assertThat(ProcessSpec.of("echo", "hi")).hasToString("ProcessSpec[adhoc [echo, hi]]");
	}

	@Test
	@SuppressWarnings("deprecation")
	void constructorOfVersion010ShouldStillBuildASpec() {
		ProcessSpec spec = new ProcessSpec(CommandLine.of("env"), null, null, false, java.util.Map.of("A", "1"),
				java.util.Set.of(), ProcessInput.none(), null, null, null, false, java.util.Set.of(0), true, null, null);
		assertThat(spec.environmentPolicy()).isEqualTo(EnvironmentPolicy.none());
		assertThat(spec.inheritEnvironment()).isFalse();
		assertThat(spec.stdoutTarget()).isNull();
		assertThat(spec.maxLineLength()).isNull();
		assertThat(ProcessSpec.of("env").inheritEnvironment()).isTrue();
	}

}
