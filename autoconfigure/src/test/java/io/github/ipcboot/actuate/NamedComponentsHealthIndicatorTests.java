package io.github.ipcboot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NamedComponentsHealthIndicator}.
 */
class NamedComponentsHealthIndicatorTests {

	@Test
	void healthWhenEveryComponentIsUpShouldBeUpWithTheDetailsOfEach() {
		Health health = indicator(Map.of("orders", "up")).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("orders", Map.of("state", "up"));
	}

	@Test
	void healthWhenOneComponentDrainsShouldBeOutOfService() {
		assertThat(indicator(ordered("orders", "up", "audit", "draining")).health().getStatus())
			.isEqualTo(Status.OUT_OF_SERVICE);
	}

	@Test
	void healthWhenOneComponentIsDownShouldBeDownEvenWhileAnotherDrains() {
		assertThat(indicator(ordered("orders", "draining", "audit", "down")).health().getStatus())
			.isEqualTo(Status.DOWN);
	}

	@Test
	void componentHealthOfDownAndDrainingShouldBeDown() {
		assertThat(NamedComponentsHealthIndicator.ComponentHealth.of(true, true))
			.isEqualTo(NamedComponentsHealthIndicator.ComponentHealth.DOWN);
		assertThat(NamedComponentsHealthIndicator.ComponentHealth.of(false, true))
			.isEqualTo(NamedComponentsHealthIndicator.ComponentHealth.DRAINING);
		assertThat(NamedComponentsHealthIndicator.ComponentHealth.of(false, false))
			.isEqualTo(NamedComponentsHealthIndicator.ComponentHealth.UP);
	}

	private static Map<String, String> ordered(String... namesAndStates) {
		Map<String, String> states = new LinkedHashMap<>();
		for (int i = 0; i < namesAndStates.length; i += 2) {
			states.put(namesAndStates[i], namesAndStates[i + 1]);
		}
		return states;
	}

	private static NamedComponentsHealthIndicator<String> indicator(Map<String, String> states) {
		return new NamedComponentsHealthIndicator<>("test health check failed", states::keySet, states::get) {

			@Override
			protected ComponentHealth check(String name, String state, Map<String, Object> details) {
				details.put("state", state);
				return ComponentHealth.of(state.equals("down"), state.equals("draining"));
			}

		};
	}

}
