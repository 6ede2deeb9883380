package io.github.ipcboot.shutdown.actuate;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.ipcboot.shutdown.ShutdownListener;
import io.github.ipcboot.shutdown.ShutdownResult;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of the graceful shutdown: {@code ipc.shutdown.draining} (1 while the drain runs) and
 * {@code ipc.shutdown.duration} (a timer tagged {@code result} = {@code drained} or
 * {@code forced}, both registered up front so dashboards show zero rather than nothing). The
 * result is logged too, since a scrape rarely catches the last seconds of a process.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public final class ShutdownMetrics implements ShutdownListener {

	private final AtomicInteger draining = new AtomicInteger();

	private final Timer drained;

	private final Timer forced;

	/**
	 * Register the meters.
	 * @param registry the registry
	 */
	public ShutdownMetrics(MeterRegistry registry) {
		Gauge.builder("ipc.shutdown.draining", this.draining, AtomicInteger::get)
			.description("Whether the graceful shutdown is draining connections and processes (1) or not (0)")
			.register(registry);
		this.drained = timer(registry, "drained");
		this.forced = timer(registry, "forced");
	}

	private static Timer timer(MeterRegistry registry, String result) {
		return Timer.builder("ipc.shutdown.duration")
			.description("Duration of graceful shutdowns, drain delay included")
			.tag("result", result)
			.register(registry);
	}

	@Override
	public void shutdownStarted() {
		this.draining.set(1);
	}

	@Override
	public void shutdownFinished(ShutdownResult result) {
		this.draining.set(0);
		(result.drained() ? this.drained : this.forced).record(result.duration());
	}

}
