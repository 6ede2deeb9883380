package io.github.ipcboot.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link NamedComponents}.
 */
class NamedComponentsTests {

	private final NamedComponents<String> components = NamedComponents.of("test component",
			List.of("orders", "audit", "status"), (component) -> component);

	@Test
	void namesShouldKeepConfigurationOrderAndBeUnmodifiable() {
		assertThat(this.components.names()).containsExactly("orders", "audit", "status");
		assertThat(this.components.asMap()).containsExactly(Map.entry("orders", "orders"),
				Map.entry("audit", "audit"), Map.entry("status", "status"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> this.components.names().remove("orders"));
	}

	@Test
	void getOfUnknownNameShouldThrowIllegalArgumentExceptionNamingTheConfiguredOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.components.get("ordres"))
			.isInstanceOf(UnknownNameException.class)
			.withMessage("No test component named 'ordres'; configured: [orders, audit, status]")
			.satisfies((ex) -> {
				UnknownNameException unknown = (UnknownNameException) ex;
				assertThat(unknown.getName()).isEqualTo("ordres");
				assertThat(unknown.getConfiguredNames()).containsExactly("orders", "audit", "status");
			});
	}

	@Test
	void sumShouldAddTheCountOfEveryComponent() {
		assertThat(this.components.sum(String::length)).isEqualTo(6 + 5 + 6);
	}

	@Test
	void startAllWhenOneFailsShouldStopEveryComponentAndRethrow() {
		List<String> calls = new ArrayList<>();
		IllegalStateException failure = new IllegalStateException("audit cannot bind");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.components.startAll((name) -> {
			calls.add("start " + name);
			if (name.equals("audit")) {
				throw failure;
			}
		}, (name) -> calls.add("stop " + name))).isSameAs(failure);
		assertThat(calls).containsExactly("start orders", "start audit", "stop orders", "stop audit", "stop status");
	}

	@Test
	void startAllShouldStartEveryComponentInOrder() {
		List<String> calls = new ArrayList<>();
		this.components.startAll((name) -> calls.add("start " + name), (name) -> calls.add("stop " + name));
		assertThat(calls).containsExactly("start orders", "start audit", "start status");
	}

}
