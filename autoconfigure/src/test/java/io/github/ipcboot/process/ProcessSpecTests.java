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
