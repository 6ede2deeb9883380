package io.github.ipcboot.tcp.actuate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;


import io.github.ipcboot.tcp.ConnectionGate;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServerSettings;
import io.github.ipcboot.tcp.TcpServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link TcpServersHealthIndicator} in the states a running application cannot easily be
 * put in (a drain is begun by the graceful shutdown).
 */
class TcpServersHealthIndicatorTests {

	@Test
	void drainingServerShouldBeOutOfService() {
		TcpServers servers = servers(server("orders", true, true), server("quotes", false, true));
		Health health = new TcpServersHealthIndicator(servers).health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		@SuppressWarnings("unchecked")
		Map<String, Object> quotes = (Map<String, Object>) health.getDetails().get("quotes");
		assertThat(quotes).containsEntry("draining", true).containsEntry("listening", false);
	}

	@Test
	void serverThatIsNotListeningWithoutADrainShouldBeDownAlsoWhileAnotherDrains() {
		TcpServers servers = servers(server("orders", false, false), server("quotes", false, true));
		assertThat(new TcpServersHealthIndicator(servers).health().getStatus()).isEqualTo(Status.DOWN);
	}

	private static TcpServers servers(TcpServer first, TcpServer second) {
		String firstName = first.getName();
		String secondName = second.getName();
		TcpServers all = mock(TcpServers.class);
		given(all.names()).willReturn(new LinkedHashSet<>(List.of(firstName, secondName)));
		given(all.get(firstName)).willReturn(first);
		given(all.get(secondName)).willReturn(second);
		return all;
	}

	private static TcpServer server(String name, boolean listening, boolean draining) {
		TcpServer server = mock(TcpServer.class);
		AbstractServerConnectionFactory factory = mock(AbstractServerConnectionFactory.class);
		given(factory.isListening()).willReturn(listening);
		given(factory.isRunning()).willReturn(true);
		given(server.getName()).willReturn(name);
		given(server.getConnectionFactory()).willReturn(factory);
		// a TCP server (not a Unix domain socket): its details show the port
		given(server.getSettings()).willReturn(mock(TcpServerSettings.class));
		given(server.isDraining()).willReturn(draining);
		given(server.getPort()).willReturn(7000);
		given(server.getGate()).willReturn(new ConnectionGate(name, 10, List.of()));
		return server;
	}

}
