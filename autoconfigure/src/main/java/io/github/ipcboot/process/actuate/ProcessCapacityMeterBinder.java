package io.github.ipcboot.process.actuate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.github.ipcboot.process.DefaultProcessService;

/**
 * Binds the gauge {@code ipc.process.capacity}: how many processes a
 * {@link DefaultProcessService} may run at once, to compare {@code ipc.process.active} with.
 *
 * @since 0.1.0
 */
public class ProcessCapacityMeterBinder implements MeterBinder {

	/** The name of the gauge of the service's capacity. */
	public static final String CAPACITY = "ipc.process.capacity";

	private final DefaultProcessService processService;

	/**
	 * Creates a binder.
	 * @param processService the service to measure
	 */
	public ProcessCapacityMeterBinder(DefaultProcessService processService) {
		this.processService = processService;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(CAPACITY, this.processService, DefaultProcessService::getMaxConcurrent)
			.description("Processes the service may run at once (ipc.process.max-concurrent)")
			.baseUnit("processes")
			.strongReference(true)
			.register(registry);
	}

}
