package io.github.ipcboot.autoconfigure.diagnostics;

import io.github.ipcboot.process.autoconfigure.ProcessProperties;
import io.github.ipcboot.tcp.autoconfigure.TcpProperties;
import io.github.ipcboot.tcp.autoconfigure.TcpServerProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PropertyTree} follows names through groups, maps and lists to where they leave the tree.
 */
class PropertyTreeTests {

	private static final ConfigurationPropertyName TCP = ConfigurationPropertyName.of("ipc.tcp");

	private static final ConfigurationPropertyName PROCESS = ConfigurationPropertyName.of("ipc.process");

	@Test
	void unknownKeyUnderANamedServerShouldNameTheServerAndItsKeys() {
		PropertyTree.Miss miss = locate(TCP, TcpProperties.class, "ipc.tcp.servers.orders.header-size");
		assertThat(miss.group()).hasToString("ipc.tcp.servers.orders");
		assertThat(miss.key()).isEqualTo("header-size");
		assertThat(miss.type()).isEqualTo(TcpServerProperties.class);
		assertThat(miss.keys()).containsKeys("length-header-size", "port", "ssl");
		assertThat(miss.closestKey()).isEqualTo("length-header-size");
		assertThat(miss.scalar()).isFalse();
	}

	@Test
	void keyBelowAListElementShouldBeAScalarWithoutAList() {
		PropertyTree.Miss miss = locate(TCP, TcpProperties.class, "ipc.tcp.servers.orders.allowed-clients[0].cidr");
		assertThat(miss.scalar()).isTrue();
		assertThat(miss.list()).isFalse();
		assertThat(miss.type()).isEqualTo(String.class);
	}

	@Test
	void keyBelowAMapOfStringsShouldBeAScalar() {
		PropertyTree.Miss miss = locate(PROCESS, ProcessProperties.class,
				"ipc.process.commands.ls.environment.lang.value");
		assertThat(miss.scalar()).isTrue();
		assertThat(miss.group()).hasToString("ipc.process.commands.ls.environment");
		assertThat(miss.key()).isEqualTo("lang");
	}

	@Test
	void keyWithNothingCloseShouldHaveNoSuggestion() {
		PropertyTree.Miss miss = locate(PROCESS, ProcessProperties.class, "ipc.process.zzz");
		assertThat(miss.closestKey()).isNull();
	}

	@Test
	void nameThatIsAPropertyShouldLeaveNoKeys() {
		PropertyTree.Miss miss = locate(TCP, TcpProperties.class, "ipc.tcp.servers.orders.port");
		assertThat(miss.keys()).isEmpty();
		assertThat(miss.scalar()).isFalse();
	}

	private static PropertyTree.Miss locate(ConfigurationPropertyName root, Class<?> type, String name) {
		return PropertyTree.locate(root, ResolvableType.forClass(type), ConfigurationPropertyName.of(name));
	}

}
