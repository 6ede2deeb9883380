package io.github.ipcboot.process;

import java.util.Locale;

/**
 * The launcher the process tests run with: {@code auto} unless the build sets system property
 * {@value #PROPERTY} ({@code jdk} or {@code native}), so that the same tests run against each
 * launcher (the JDK 22+ build runs them once more with {@code jdk}).
 */
public final class TestLaunchers {

	/** The system property that chooses the launcher. */
	public static final String PROPERTY = "ipc.test.process-launcher";

	private TestLaunchers() {
	}

	/**
	 * Returns the launcher chosen for this test run.
	 * @return the launcher type
	 */
	public static LauncherType type() {
		return LauncherType.valueOf(System.getProperty(PROPERTY, "auto").toUpperCase(Locale.ROOT));
	}

	/**
	 * Returns a service builder with the launcher of this test run.
	 * @return the builder
	 */
	public static DefaultProcessServiceBuilder builder() {
		return DefaultProcessService.builder().launcher(type());
	}

}
