package io.github.ipcboot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of a transport's configured components, each checked on its own: {@code DOWN} when one
 * is down; otherwise {@code OUT_OF_SERVICE} when one is draining for a graceful shutdown, else
 * {@code UP}. The details hold the details of each component under its name.
 *
 * @param <T> the type of the components
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public abstract class NamedComponentsHealthIndicator<T> extends AbstractHealthIndicator {

	private final Supplier<Set<String>> names;

	private final Function<String, T> lookup;

	/**
	 * Create a new instance.
	 * @param healthCheckFailedMessage the message logged when a check throws
	 * @param names the names of the components, in configuration order
	 * @param lookup the component of a name
	 */
	protected NamedComponentsHealthIndicator(String healthCheckFailedMessage, Supplier<Set<String>> names,
			Function<String, T> lookup) {
		super(healthCheckFailedMessage);
		this.names = names;
		this.lookup = lookup;
	}

	/**
	 * Check one component.
	 * @param name its configured name
	 * @param component the component
	 * @param details where to put its details
	 * @return its health
	 */
	protected abstract ComponentHealth check(String name, T component, Map<String, Object> details);

	@Override
	protected final void doHealthCheck(Health.Builder builder) {
		boolean down = false;
		boolean draining = false;
		for (String name : this.names.get()) {
			Map<String, Object> details = new LinkedHashMap<>();
			ComponentHealth health = check(name, this.lookup.apply(name), details);
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
