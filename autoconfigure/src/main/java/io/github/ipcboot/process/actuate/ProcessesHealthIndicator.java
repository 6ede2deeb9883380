package io.github.ipcboot.process.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.ProcessRegistry;

/**
 * A {@link HealthIndicator} of the capacity of a {@link DefaultProcessService}. It is
 * {@code UP} while the service accepts runs, even when every slot is taken and the wait queue
 * is full: saturation is load, not a fault, and taking the instance out of service would only
 * move the load elsewhere (the details, {@code ipc.process.rejected} and
 * {@code ipc.process.queued} show it). It is {@code OUT_OF_SERVICE} once the service has been
 * closed and rejects every run. Details: {@code active}, {@code maxConcurrent}, {@code queued},
 * {@code queueCapacity}, {@code rejected} (since start), {@code launcher} ({@code native} or
 * {@code jdk}), {@code containment} (the mechanisms in effect, such as
 * {@code process-group+marker+subreaper}) and {@code containDescendants}.
 *
 * @since 0.1.0
 */
public class ProcessesHealthIndicator extends AbstractHealthIndicator {

	private final DefaultProcessService processService;

	/**
	 * Creates an indicator.
	 * @param processService the service to report on
	 */
	public ProcessesHealthIndicator(DefaultProcessService processService) {
		super("Process service health check failed");
		this.processService = processService;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ProcessRegistry registry = this.processService.getRegistry();
		if (this.processService.isClosed()) {
			builder.outOfService();
		}
		else {
			builder.up();
		}
		builder.withDetail("active", registry.size())
			.withDetail("maxConcurrent", this.processService.getMaxConcurrent())
			.withDetail("queued", registry.queued())
			.withDetail("queueCapacity", this.processService.getQueueCapacity())
			.withDetail("rejected", this.processService.getRejected())
			.withDetail("launcher", this.processService.getLauncher())
			.withDetail("containment", this.processService.getContainment())
			.withDetail("containDescendants", this.processService.isContainDescendants());
	}

}
