package io.github.ipcboot.shutdown;

/**
 * Tells whether the JVM has begun its exit (its shutdown hooks run), when a context closing on
 * a hook has nothing else that would end it if it hung.
 */
final class JvmExit {

	private JvmExit() {
	}

	/**
	 * Return whether the JVM is exiting: it no longer takes shutdown hooks.
	 * @return whether the exit has begun
	 */
	static boolean inProgress() {
		Thread probe = new Thread(() -> {
		}, "ipc-exit-probe");
		try {
			Runtime.getRuntime().addShutdownHook(probe);
			Runtime.getRuntime().removeShutdownHook(probe);
			return false;
		}
		catch (IllegalStateException ex) {
			return true;
		}
	}

}
