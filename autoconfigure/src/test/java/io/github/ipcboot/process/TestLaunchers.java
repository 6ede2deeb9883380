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

	/**
	 * Returns what a service that contains descendants adds to its containment for orphans: on
	 * JDK 22+ the JVM becomes a child subreaper (the tests never run as PID 1).
	 * @return {@code +subreaper} on JDK 22+, else nothing
	 */
	public static String orphanAdoption() {
		return (Runtime.version().feature() >= 22) ? "+subreaper" : "";
	}

}
