package io.github.ipcboot.autoconfigure.diagnostics;

import java.util.Map;

import io.github.ipcboot.autoconfigure.IpcStartupException;
import io.github.ipcboot.tcp.autoconfigure.TcpProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IpcEnumValueFailureAnalyzer} on the failures of a real binder over a source without
 * origins, and {@link IpcStartupFailureAnalyzer} on an exception that names no property.
 */
class IpcEnumValueAndStartupFailureAnalyzerTests {

	@Test
	void enumValueWithoutOriginShouldListTheValidValues() {
		FailureAnalysis analysis = new IpcEnumValueFailureAnalyzer()
			.analyze(UnknownIpcPropertyFailureAnalyzerTests.bindFailure(
					Map.of("ipc.tcp.servers.orders.framing", "lenght-header"), "ipc.tcp", TcpProperties.class));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription())
			.startsWith("'lenght-header' is not a valid value of ipc.tcp.servers.orders.framing:")
			.contains("Valid values: ", "length-header")
			.doesNotContain("Origin:");
		assertThat(analysis.getAction()).startsWith("Set ipc.tcp.servers.orders.framing to one of: ");
	}

	@Test
	void enumAnalyzerShouldLeaveOtherTypesAndOtherPrefixesToSpringBoot() {
		IpcEnumValueFailureAnalyzer analyzer = new IpcEnumValueFailureAnalyzer();
		assertThat(analyzer.analyze(UnknownIpcPropertyFailureAnalyzerTests
			.bindFailure(Map.of("ipc.tcp.servers.orders.port", "seven"), "ipc.tcp", TcpProperties.class))).isNull();
		assertThat(analyzer.analyze(UnknownIpcPropertyFailureAnalyzerTests
			.bindFailure(Map.of("other.tcp.servers.orders.framing", "lenght-header"), "other.tcp", TcpProperties.class)))
			.isNull();
	}

	@Test
	void startupFailureWithoutPropertyShouldDescribeOnlyTheMessage() {
		FailureAnalysis analysis = new IpcStartupFailureAnalyzer()
			.analyze(new IpcStartupException("No TCP server runs", null, null, "Start one.", null));
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("No TCP server runs");
		assertThat(analysis.getAction()).isEqualTo("Start one.");
	}

}
