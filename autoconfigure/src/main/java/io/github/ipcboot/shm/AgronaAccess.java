package io.github.ipcboot.shm;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Checks that Agrona can reach the memory it works on: Agrona 2 uses
 * {@code jdk.internal.misc.Unsafe}, which the JVM exports only with
 * {@value #JVM_OPTION}.
 */
final class AgronaAccess {

	/** The JVM option Agrona 2 needs. */
	static final String JVM_OPTION = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

	private AgronaAccess() {
	}

	static void check(String channel) {
		try {
			new UnsafeBuffer(new byte[8]).putLong(0, 1);
		}
		catch (LinkageError ex) {
			throw new ShmException("Shared-memory channel '" + channel + "' needs Agrona, which needs the JVM option "
					+ JVM_OPTION + " (" + ex + ")", ex);
		}
	}

}
