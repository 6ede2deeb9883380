package io.github.ipcboot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of a transport's configured components, each checked on its own: {@code DOWN} when one
 * is down; otherwise {@code OUT_OF_SERVICE} when one is draining for a graceful shutdown, else
 * {@code UP}. The details hold the details of each component under its name.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public abstract class NamedComponentsHealthIndicator extends AbstractHealthIndicator {

	/**
	 * Create a new instance.
	 * @param healthCheckFailedMessage the message logged when a check throws
	 */
	protected NamedComponentsHealthIndicator(String healthCheckFailedMessage) {
		super(healthCheckFailedMessage);
	}

	/**
	 * Return the names of the components.
	 * @return the names, in configuration order
	 */
	protected abstract Set<String> names();

	/**
	 * Check one component.
	 * @param name its configured name
	 * @param details where to put its details
	 * @return its health
	 */
	protected abstract ComponentHealth check(String name, Map<String, Object> details);

	@Override
	protected final void doHealthCheck(Health.Builder builder) {
		boolean down = false;
		boolean draining = false;
		for (String name : names()) {
			Map<String, Object> details = new LinkedHashMap<>();
			ComponentHealth health = check(name, details);
			builder.withDetail(name, details);
			down |= health == ComponentHealth.DOWN;
			draining |= health == ComponentHealth.DRAINING;
		}
		builder.status(down ? Status.DOWN : draining ? Status.OUT_OF_SERVICE : Status.UP);
	}

	/**
	 * The health of one component.
	 */
	protected enum ComponentHealth {

		/** Working. */
		UP,

		/** Draining for a graceful shutdown: not taking new work on purpose. */
		DRAINING,

		/** Not working. */
		DOWN;

		/**
		 * Return the health of a component that may be down or draining; down wins.
		 * @param down whether it is down
		 * @param draining whether it is draining
		 * @return its health
		 */
		public static ComponentHealth of(boolean down, boolean draining) {
			return down ? DOWN : draining ? DRAINING : UP;
		}

	}

}
