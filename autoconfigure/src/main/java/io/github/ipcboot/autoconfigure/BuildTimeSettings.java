package io.github.ipcboot.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * The settings of the starter that decide which beans exist, as they were when the bean
 * definitions were made: the names of the configured TCP servers and clients and UDP endpoints and
 * clients, {@code ipc.shutdown.enabled} and {@code ipc.metrics.enabled}. An AOT-processed
 * application ({@code spring.aot.enabled=true}, or a native image) has its bean definitions fixed at
 * build time, so such settings changed at run time would be ignored silently; this bean fails the
 * start-up instead, naming each difference. Without AOT the definitions are made from the run-time
 * settings and nothing is checked.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public final class BuildTimeSettings implements EnvironmentAware, InitializingBean {

	/** The name of this bean. */
	public static final String BEAN_NAME = "ipcBuildTimeSettings";

	private static final List<String> NAMED = List.of("ipc.tcp.servers", "ipc.tcp.clients", "ipc.udp.endpoints",
			"ipc.udp.clients");

	private static final List<String> SWITCHES = List.of("ipc.shutdown.enabled", "ipc.metrics.enabled");

	private final String[] settings;

	private Environment environment;

	/**
	 * Create the bean with the settings the bean definitions were made from.
	 * @param settings the settings, as {@link #describe(Environment)} returned them
	 */
	public BuildTimeSettings(String[] settings) {
		this.settings = settings.clone();
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	/**
	 * Describe the settings that decide which beans exist, one {@code key=value} line each.
	 * @param environment the environment
	 * @return the settings
	 */
	public static String[] describe(Environment environment) {
		Binder binder = Binder.get(environment);
		List<String> lines = new ArrayList<>();
		for (String prefix : NAMED) {
			lines.add(prefix + "=" + new TreeSet<>(
					binder.bind(prefix, Bindable.mapOf(String.class, Object.class)).orElse(Map.of()).keySet()));
		}
		for (String key : SWITCHES) {
			lines.add(key + "=" + binder.bind(key, Boolean.class).orElse(true));
		}
		return lines.toArray(String[]::new);
	}

	@Override
	public void afterPropertiesSet() {
		if (AotDetector.useGeneratedArtifacts()) {
			check(this.environment);
		}
	}

	/**
	 * Compare the settings the bean definitions were made from with those of an environment.
	 * @param environment the environment at run time
	 * @throws IpcStartupException if they differ
	 */
	void check(Environment environment) {
		List<String> now = Arrays.asList(describe(environment));
		List<String> changed = new ArrayList<>();
		for (String built : this.settings) {
			if (!now.contains(built)) {
				String key = built.substring(0, built.indexOf('='));
				String current = now.stream().filter((line) -> line.startsWith(key + "=")).findFirst().orElse(key + "=?");
				changed.add(key + " was " + built.substring(key.length() + 1) + " at build time, is "
						+ current.substring(key.length() + 1) + " now");
			}
		}
		if (!changed.isEmpty()) {
			String first = changed.get(0);
			throw new IpcStartupException("This application was AOT-processed with other ipc settings than it runs "
					+ "with, and they decide which beans exist (" + changed.size() + " changed: "
					+ String.join("; ", changed) + ")", first.substring(0, first.indexOf(' ')), null,
					"Build the application again with these settings, or run it without spring.aot.enabled.", null);
		}
	}

}
