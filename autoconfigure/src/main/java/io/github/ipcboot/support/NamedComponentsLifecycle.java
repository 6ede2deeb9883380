package io.github.ipcboot.support;

import java.util.Set;

import org.springframework.context.SmartLifecycle;

/**
 * The lifecycle of a transport's configured components: {@link #start()} starts them in
 * configuration order (and stops them all again when one fails to start), {@link #stop()} stops
 * them all.
 *
 * @param <T> the type of the components
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public abstract class NamedComponentsLifecycle<T> implements SmartLifecycle {

	private final NamedComponents<T> components;

	private final int phase;

	private volatile boolean running;

	/**
	 * Create a new instance.
	 * @param components the components
	 * @param phase the lifecycle phase
	 */
	protected NamedComponentsLifecycle(NamedComponents<T> components, int phase) {
		this.components = components;
		this.phase = phase;
	}

	/**
	 * Return the components.
	 * @return the components by name
	 */
	protected final NamedComponents<T> components() {
		return this.components;
	}

	/**
	 * Return the configured names.
	 * @return the names, in configuration order
	 */
	public Set<String> names() {
		return this.components.names();
	}

	/**
	 * Start one component.
	 * @param component the component
	 */
	protected abstract void startComponent(T component);

	/**
	 * Stop one component, whether it started or not.
	 * @param component the component
	 */
	protected abstract void stopComponent(T component);

	@Override
	public void start() {
		this.components.startAll(this::startComponent, this::stopComponent);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.components.forEach(this::stopComponent);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

}
