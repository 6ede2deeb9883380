package io.github.ipcboot.benchmarks.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * Reads a server's CPU clock at the start and at the end of a measurement phase, on a daemon
 * thread of its own that parks until each moment (the load threads never wait for it).
 */
final class CpuWindow {

	private final @Nullable ServerCpu cpu;

	private final long startNanos;

	private final long endNanos;

	private final Thread sampler;

	private volatile long used = -1;

	CpuWindow(@Nullable ServerCpu cpu, long startNanos, long endNanos) {
		this.cpu = cpu;
		this.startNanos = startNanos;
		this.endNanos = endNanos;
		this.sampler = new Thread(this::sample, "load-server-cpu");
		this.sampler.setDaemon(true);
	}

	void start() {
		if (this.cpu != null) {
			this.sampler.start();
		}
	}

	private void sample() {
		ServerCpu clock = this.cpu;
		if (clock == null) {
			return;
		}
		parkUntil(this.startNanos);
		long first = clock.nanos();
		parkUntil(this.endNanos);
		this.used = clock.nanos() - first;
	}

	private static void parkUntil(long nanoTime) {
		for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
			LockSupport.parkNanos(left);
		}
	}

	/**
	 * Return the server's CPU seconds in the window, or NaN if unknown (no clock, or the window
	 * has not ended within a second of its end).
	 */
	double seconds() throws InterruptedException {
		if (this.cpu == null) {
			return Double.NaN;
		}
		this.sampler.join(TimeUnit.SECONDS.toMillis(1));
		long nanos = this.used;
		return (nanos < 0) ? Double.NaN : nanos / 1e9;
	}

}
