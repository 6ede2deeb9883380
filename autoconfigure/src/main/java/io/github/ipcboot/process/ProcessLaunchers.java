package io.github.ipcboot.process;

import java.lang.reflect.InvocationTargetException;

/**
 * Picks the {@link ProcessLauncher} for a {@link LauncherType}. The native launcher lives in the
 * JDK 22+ part of the multi-release jar, so it is looked up by name: before JDK 22 it is not
 * there, and it declines where the platform lacks what it needs.
 */
final class ProcessLaunchers {

	static final String NATIVE_LAUNCHER = "io.github.ipcboot.process.PosixSpawnLauncher";

	private ProcessLaunchers() {
	}

	/**
	 * Returns the launcher of the type.
	 * @throws IllegalStateException if the native launcher is required but cannot run here
	 */
	static ProcessLauncher of(LauncherType type) {
		if (type == LauncherType.JDK) {
			return JdkProcessLauncher.create();
		}
		try {
			return loadNative();
		}
		catch (IllegalStateException ex) {
			if (type == LauncherType.NATIVE) {
				throw ex;
			}
			return JdkProcessLauncher.create();
		}
	}

	private static ProcessLauncher loadNative() {
		if (Runtime.version().feature() < 22) {
			throw new IllegalStateException(
					"The native process launcher needs JDK 22 or later (running " + Runtime.version() + ")");
		}
		try {
			return (ProcessLauncher) Class.forName(NATIVE_LAUNCHER).getDeclaredMethod("create").invoke(null);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException("The native process launcher cannot run here: "
					+ ex.getCause().getMessage(), ex.getCause());
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			throw new IllegalStateException("The native process launcher is not available: " + ex, ex);
		}
	}

}
