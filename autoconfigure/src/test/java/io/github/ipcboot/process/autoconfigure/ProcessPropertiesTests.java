package io.github.ipcboot.process.autoconfigure;

import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for binding {@link ProcessProperties}.
 */
class ProcessPropertiesTests {

	private final Map<String, String> source = new HashMap<>();

	@Test
	void defaultsShouldMatchTheDocumentedOnes() {
		ProcessProperties properties = bind();
		assertThat(properties.getMaxConcurrent()).isEqualTo(16);
		assertThat(properties.getDefaultTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.getTerminationGrace()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.getMaxCapturedOutput()).isEqualTo(DataSize.ofMegabytes(1));
		assertThat(properties.getOutputDrainTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.getQueue().getCapacity()).isEqualTo(100);
		assertThat(properties.getQueue().getWait()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.isVirtualThreads()).isTrue();
		assertThat(properties.getCommands()).isEmpty();
	}

	@Test
	void durationsWithoutUnitShouldBeSeconds() {
		this.source.put("ipc.process.default-timeout", "30");
		this.source.put("ipc.process.termination-grace", "2");
		this.source.put("ipc.process.queue.wait", "1");
		this.source.put("ipc.process.commands.x.command", "ls");
		this.source.put("ipc.process.commands.x.timeout", "7");
		ProcessProperties properties = bind();
		assertThat(properties.getDefaultTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(properties.getTerminationGrace()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.getQueue().getWait()).isEqualTo(Duration.ofSeconds(1));
		assertThat(properties.getCommands().get("x").getTimeout()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void commandShouldBindEverySetting() {
		this.source.put("ipc.process.max-captured-output", "64KB");
		this.source.put("ipc.process.commands.pg-dump.command[0]", "pg_dump");
		this.source.put("ipc.process.commands.pg-dump.command[1]", "--format=custom");
		this.source.put("ipc.process.commands.pg-dump.directory", "/var/backups");
		this.source.put("ipc.process.commands.pg-dump.environment.PGHOST", "db");
		this.source.put("ipc.process.commands.pg-dump.timeout", "10m");
		this.source.put("ipc.process.commands.pg-dump.allowed-args", "[a-z_]+");
		this.source.put("ipc.process.commands.pg-dump.max-concurrent", "2");
		this.source.put("ipc.process.commands.pg-dump.sensitive-args", "true");
		ProcessProperties properties = bind();
		assertThat(properties.getMaxCapturedOutput()).isEqualTo(DataSize.ofKilobytes(64));
		ProcessProperties.Command command = properties.getCommands().get("pg-dump");
		assertThat(command.getCommand()).isEqualTo(List.of("pg_dump", "--format=custom"));
		assertThat(command.getDirectory()).isEqualTo(new File("/var/backups"));
		assertThat(command.getEnvironment()).containsEntry("PGHOST", "db");
		assertThat(command.getTimeout()).isEqualTo(Duration.ofMinutes(10));
		assertThat(command.getAllowedArgs()).isEqualTo("[a-z_]+");
		assertThat(command.getMaxConcurrent()).isEqualTo(2);
		assertThat(command.isSensitiveArgs()).isTrue();
	}

	private ProcessProperties bind() {
		ProcessProperties properties = new ProcessProperties();
		new Binder(new MapConfigurationPropertySource(this.source)).bind("ipc.process",
				Bindable.ofInstance(properties));
		return properties;
	}

}
