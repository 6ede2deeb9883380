package io.github.ipcboot.autoconfigure.diagnostics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.github.ipcboot.process.autoconfigure.ProcessProperties;
import io.github.ipcboot.tcp.autoconfigure.TcpProperties;
import org.junit.jupiter.api.Test;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UnknownIpcPropertyFailureAnalyzer} on the failures of a real {@link Binder} over a source
 * without origins: several properties at once, a key below a single string value, and the
 * failures it leaves to Spring Boot's own analyzer.
 */
class UnknownIpcPropertyFailureAnalyzerTests {

	private final UnknownIpcPropertyFailureAnalyzer analyzer = new UnknownIpcPropertyFailureAnalyzer();

	@Test
	void severalPropertiesWithoutOriginShouldBeListedTogether() {
		FailureAnalysis analysis = this.analyzer
			.analyze(bindFailure("ipc.tcp", TcpProperties.class, "ipc.tcp.qqqqzz", "ipc.tcp.virtual-thread"));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).startsWith("Properties under 'ipc.tcp' that the starter does not know:")
			.contains("Property: ipc.tcp.qqqqzz", "Reason: 'qqqqzz' is not a key of ipc.tcp (TcpProperties)",
					"Property: ipc.tcp.virtual-thread")
			.doesNotContain("Origin:");
		assertThat(analysis.getAction()).contains("Correct or remove the key. The keys of ipc.tcp are: ",
				"Correct or remove the key; did you mean 'virtual-threads'?");
	}

	@Test
	void keyBelowASingleStringValueShouldAskForOneValueWithoutTheRegexHint() {
		FailureAnalysis analysis = this.analyzer.analyze(bindFailure("ipc.process", ProcessProperties.class,
				"ipc.process.commands.ls.command", "ipc.process.commands.ls.allowed-args.x"));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).startsWith("A property under 'ipc.process'")
			.contains("ipc.process.commands.ls.allowed-args takes a single value (String), it has no keys of its own");
		assertThat(analysis.getAction()).isEqualTo("Give ipc.process.commands.ls.allowed-args one value.");
	}

	@Test
	void failuresOutsideIpcOrOfAnotherKindShouldBeLeftToSpringBoot() {
		assertThat(this.analyzer.analyze(bindFailure("other.tcp", TcpProperties.class, "other.tcp.qqqqzz"))).isNull();
		BindException conversion = bindFailure(Map.of("ipc.tcp.servers.orders.port", "seven"), "ipc.tcp",
				TcpProperties.class);
		assertThat(conversion.getName()).hasToString("ipc.tcp.servers.orders.port");
		assertThat(this.analyzer.analyze(conversion)).isNull();
	}

	static BindException bindFailure(String root, Class<?> type, String... names) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String name : names) {
			values.put(name, "1");
		}
		return bindFailure(values, root, type);
	}

	static BindException bindFailure(Map<String, String> values, String root, Class<?> type) {
		Binder binder = new Binder(new NoOriginSource(values));
		try {
			binder.bind(root, Bindable.of(type), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
		}
		catch (BindException ex) {
			return ex;
		}
		throw new AssertionError("binding " + values + " to " + root + " did not fail");
	}

	/**
	 * Properties without an origin, as a source built in code has them.
	 */
	record NoOriginSource(Map<String, String> values) implements IterableConfigurationPropertySource {

		@Override
		public Stream<ConfigurationPropertyName> stream() {
			return this.values.keySet().stream().map(ConfigurationPropertyName::of);
		}

		@Override
		public @Nullable ConfigurationProperty getConfigurationProperty(ConfigurationPropertyName name) {
			String value = this.values.get(name.toString());
			return (value != null) ? new ConfigurationProperty(name, value, null) : null;
		}

	}

}
