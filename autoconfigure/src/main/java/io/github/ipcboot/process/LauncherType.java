package io.github.ipcboot.process;

/**
 * Which launcher starts processes ({@code ipc.process.launcher}).
 *
 * @since 0.1.0
 */
public enum LauncherType {

	/**
	 * The native launcher where it works (JDK 22+ on Linux with glibc 2.34+), else the JDK's.
	 */
	AUTO,

	/**
	 * The JDK's {@link ProcessBuilder}, through {@code setsid} where it is installed.
	 */
	JDK,

	/**
	 * {@code posix_spawn} through the Foreign Function &amp; Memory API; the service fails to
	 * start where it does not work.
	 */
	NATIVE

}
