package io.github.ipcboot.tcp;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The heap a test JVM uses after garbage collection, for tests that bound what connections keep.
 */
public final class HeapUsage {

	private HeapUsage() {
	}

	/**
	 * Return the used heap after a full collection: the lowest of three readings, each after
	 * {@link System#gc()}.
	 * @return the bytes used
	 */
	public static long usedAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
