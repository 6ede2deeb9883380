package io.github.ipcboot.autoconfigure.diagnostics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.ipcboot.autoconfigure.diagnostics.UnknownIpcPropertyFailureAnalyzerTests.NoOriginSource;
import io.github.ipcboot.process.autoconfigure.ProcessProperties;
import io.github.ipcboot.tcp.autoconfigure.TcpProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link EmptyValuesBindHandlerAdvisor} around a real binder's check for unbound properties: only
 * the empty values of properties that exist under {@code ipc} are forgiven.
 */
class EmptyValuesBindHandlerAdvisorTests {

	@Test
	void emptyValueOfAKnownPropertyShouldBeDroppedAndTheRestStillFail() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("ipc.tcp.servers.orders.port", "");
		values.put("ipc.tcp.qqqqzz", "");
		assertThat(unbound(values, "ipc.tcp", TcpProperties.class)).containsExactly("ipc.tcp.qqqqzz");
	}

	@Test
	void emptyValueBelowASingleValuedPropertyShouldStillFail() {
		assertThat(unbound(Map.of("ipc.process.commands.ls.command", "ls", "ipc.process.commands.ls.timeout.seconds",
				" "), "ipc.process", ProcessProperties.class))
			.containsExactly("ipc.process.commands.ls.timeout.seconds");
	}

	@Test
	void emptyValuesOutsideIpcShouldStillFail() {
		assertThat(unbound(Map.of("other.tcp.servers.orders.port", ""), "other.tcp", TcpProperties.class))
			.containsExactly("other.tcp.servers.orders.port");
	}

	@Test
	void emptyValueOfAKnownPropertyShouldMeanNotSet() {
		Binder binder = new Binder(new NoOriginSource(
				Map.of("ipc.tcp.servers.orders.port", "", "ipc.tcp.servers.orders.address", "127.0.0.1")));
		TcpProperties properties = binder
			.bind("ipc.tcp", Bindable.of(TcpProperties.class),
					new EmptyValuesBindHandlerAdvisor().apply(new NoUnboundElementsBindHandler(BindHandler.DEFAULT)))
			.get();
		assertThat(properties.getServers().get("orders").getAddress()).isEqualTo("127.0.0.1");
		assertThat(properties.getServers().get("orders").getPort()).isNull();
	}

	private static List<String> unbound(Map<String, String> values, String root, Class<?> type) {
		Binder binder = new Binder(new NoOriginSource(values));
		BindHandler handler = new EmptyValuesBindHandlerAdvisor()
			.apply(new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
		BindException failure = assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> binder.bind(root, Bindable.of(type), handler))
			.actual();
		assertThat(failure.getCause()).isInstanceOf(UnboundConfigurationPropertiesException.class);
		return ((UnboundConfigurationPropertiesException) failure.getCause()).getUnboundProperties()
			.stream()
			.map(ConfigurationProperty::getName)
			.map(Object::toString)
			.toList();
	}

}
