package io.github.ipcboot.support;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The configured components of one kind (servers, endpoints, channels, clients) by name, in
 * configuration order; a lookup of a name that is not configured throws an
 * {@link UnknownNameException} naming the configured ones.
 *
 * @param <T> the type of the components
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public final class NamedComponents<T> {

	private final String kind;

	private final Map<String, T> components;

	private NamedComponents(String kind, Map<String, T> components) {
		this.kind = kind;
		this.components = Collections.unmodifiableMap(components);
	}

	/**
	 * Hold components under the names they carry.
	 * @param <T> the type of the components
	 * @param kind what a component is, for the message of a failed lookup, such as
	 * {@code UDP endpoint}
	 * @param components the components, in configuration order
	 * @param name the name of a component
	 * @return the components by name
	 */
	public static <T> NamedComponents<T> of(String kind, Collection<? extends T> components,
			Function<? super T, String> name) {
		Map<String, T> byName = new LinkedHashMap<>();
		components.forEach((component) -> byName.put(name.apply(component), component));
		return new NamedComponents<>(kind, byName);
	}

	/**
	 * Hold components by name as a map gives them.
	 * @param <T> the type of the components
	 * @param kind what a component is, for the message of a failed lookup
	 * @param components the components by name, in configuration order
	 * @return the components by name
	 */
	public static <T> NamedComponents<T> of(String kind, Map<String, ? extends T> components) {
		return new NamedComponents<>(kind, new LinkedHashMap<>(components));
	}

	/**
	 * Return the configured names.
	 * @return the names, in configuration order
	 */
	public Set<String> names() {
		return this.components.keySet();
	}

	/**
	 * Return a component.
	 * @param name the configured name
	 * @return the component
	 * @throws UnknownNameException if no component has that name
	 */
	public T get(String name) {
		T component = this.components.get(name);
		if (component == null) {
			throw new UnknownNameException(this.kind, name, names());
		}
		return component;
	}

	/**
	 * Return the components by name.
	 * @return an unmodifiable map, in configuration order
	 */
	public Map<String, T> asMap() {
		return this.components;
	}

	/**
	 * Do something with every component, in configuration order.
	 * @param action the action
	 */
	public void forEach(Consumer<? super T> action) {
		this.components.values().forEach(action);
	}

	/**
	 * Return the sum of a count over all components.
	 * @param count the count of one component
	 * @return the sum
	 */
	public int sum(ToIntFunction<? super T> count) {
		return this.components.values().stream().mapToInt(count).sum();
	}

	/**
	 * Start every component in configuration order; when one fails to start, stop them all (a
	 * failed start-up is not stopped by the application context, so nothing may stay bound or
	 * created) and throw its exception.
	 * @param start starts a component
	 * @param stop stops a component, started or not
	 */
	public void startAll(Consumer<? super T> start, Consumer<? super T> stop) {
		try {
			forEach(start);
		}
		catch (RuntimeException ex) {
			forEach(stop);
			throw ex;
		}
	}

}
