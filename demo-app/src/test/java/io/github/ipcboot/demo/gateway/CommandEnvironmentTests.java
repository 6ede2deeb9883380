package io.github.ipcboot.demo.gateway;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.github.ipcboot.demo.GatewayTest;
import io.github.ipcboot.process.EnvironmentPolicy;
import io.github.ipcboot.process.ProcessService;
import io.github.ipcboot.process.ProcessSpec;
import io.github.ipcboot.process.autoconfigure.ProcessProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that every command the gateway runs for its clients sees a minimal environment: the
 * variables of {@code ipc.process.environment.allow} in {@code application.yml}, none of the
 * gateway's secrets.
 */
@GatewayTest
class CommandEnvironmentTests {

	private static final EnvironmentPolicy MINIMAL = EnvironmentPolicy.allowed("PATH", "LANG", "LC_*", "TZ");

	@Autowired
	private ProcessService processes;

	@Autowired
	private ProcessProperties properties;

	@Test
	void everyCommandShouldInheritOnlyTheMinimalEnvironment() {
		assertThat(this.properties.getCommands()).containsKeys("date", "seq", "sleep", "fail");
		for (String name : this.properties.getCommands().keySet()) {
			ProcessSpec spec = this.processes.command(name, List.of()).build();
			assertThat(spec.environmentPolicy()).as(name).isEqualTo(MINIMAL);
			Map<String, String> environment = new HashMap<>(Map.of("PATH", "/usr/bin", "LC_ALL", "C.UTF-8",
					"HOME", "/home/app", "SPRING_DATASOURCE_PASSWORD", "s3cret"));
			spec.applyEnvironment(environment);
			assertThat(environment).as(name).containsOnlyKeys("PATH", "LC_ALL");
		}
	}

}
