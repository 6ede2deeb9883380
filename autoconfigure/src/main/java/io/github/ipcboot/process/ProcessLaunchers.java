package io.github.ipcboot.process;

import java.lang.reflect.InvocationTargetException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Picks the {@link ProcessLauncher} for a {@link LauncherType}. The native launcher lives in the
 * JDK 22+ part of the multi-release jar, so it is looked up by name: before JDK 22 it is not
 * there, and it declines where the platform lacks what it needs.
 */
final class ProcessLaunchers {

	static final String NATIVE_LAUNCHER = "io.github.ipcboot.process.PosixSpawnLauncher";

	static final String ORPHAN_REAPER = "io.github.ipcboot.process.OrphanReaper";

	/**
	 * What {@link #adoptOrphans(ProcessLauncher, boolean)} reports when a subreaper was wanted
	 * but the launcher starts runs in the JVM's own session.
	 */
	static final String NO_SUBREAPER = "no-subreaper";

	private static final Log logger = LogFactory.getLog(ProcessLaunchers.class);

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

	/**
	 * Starts reaping the orphans the JVM adopts ({@link #adoptOrphans(boolean)}), making the JVM
	 * a child subreaper only when the launcher starts every run in a session of its own: the
	 * reaper leaves the zombies of the JVM's own session to whoever started them (a
	 * {@code ProcessBuilder} of other code waits for its children), so the orphans of runs in
	 * the JVM's session would stay zombies of a subreaper JVM until they had lingered long.
	 * @param launcher the launcher in effect
	 * @param subreaper whether a child subreaper is wanted (runs are contained)
	 * @return as {@link #adoptOrphans(boolean)}, or {@value #NO_SUBREAPER} when a subreaper was
	 * wanted on JDK 22+ but the launcher starts runs in the JVM's session
	 */
	static String adoptOrphans(ProcessLauncher launcher, boolean subreaper) {
		boolean ownSessions = launcher.newProcessGroup();
		String orphans = adoptOrphans(subreaper && ownSessions);
		if (ownSessions) {
			return orphans;
		}
		if (!orphans.isEmpty()) {
			logger.warn("The JVM runs as PID 1 but the " + launcher.name() + " launcher starts runs in the JVM's"
					+ " session (no setsid found): their orphans are reaped only once they have lingered "
					+ "as zombies for a long time");
			return orphans;
		}
		if (subreaper && Runtime.version().feature() >= 22) {
			logger.info("The JVM does not become a child subreaper: the " + launcher.name() + " launcher starts"
					+ " runs in the JVM's session (no setsid found), whose orphans the JVM would not reap");
			return NO_SUBREAPER;
		}
		return orphans;
	}

	/**
	 * Starts reaping the orphans the JVM adopts, where the JDK can call {@code waitpid} (22+ with
	 * the Foreign Function &amp; Memory API): always when the JVM is PID 1, and after making the
	 * JVM a child subreaper when asked to. Once per JVM; later calls report what runs.
	 * @param subreaper whether to make the JVM a child subreaper when it is not PID 1
	 * @return {@code orphan-reaper} (PID 1), {@code subreaper}, or {@code ""} when orphans are not
	 * adopted and reaped
	 */
	static String adoptOrphans(boolean subreaper) {
		if (Runtime.version().feature() < 22) {
			return "";
		}
		try {
			return (String) Class.forName(ORPHAN_REAPER).getDeclaredMethod("start", boolean.class).invoke(null, subreaper);
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			return "";
		}
	}

}
