package io.github.ipcboot.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.ipcboot.shutdown.GracefulShutdownCoordinator;
import io.github.ipcboot.shutdown.ShutdownBudget;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the demo-app on ephemeral ports and checks that it serves its health endpoint: the probe
 * paths on the main port, Actuator on the management port.
 */
@GatewayTest
class DemoApplicationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Value("${local.server.port}")
	private int port;

	@Value("${local.management.port}")
	private int managementPort;

	@Autowired
	private GracefulShutdownCoordinator coordinator;

	@Test
	void applicationShouldStartAndReportHealthUp() throws Exception {
		HttpResponse<String> response = get(this.managementPort, "/actuator/health/readiness");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void mainPortShouldServeTheProbesButNotActuator() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		assertThat(get(this.port, "/readyz").statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/livez").statusCode()).isEqualTo(200);
		assertThat(get(this.port, "/actuator/processes").statusCode()).isEqualTo(404);
	}

	@Test
	void hardDeadlineShouldFollowTheBudgetWithAShutdownPhaseForEachWebServer() {
		ShutdownBudget budget = this.coordinator.getBudget();
		// spring.lifecycle.timeout-per-shutdown-phase of application.yml, for the main and the
		// management server
		assertThat(budget.webServerPhase()).isEqualTo(Duration.ofSeconds(10));
		assertThat(budget.termination()).isEqualTo(Duration.ofSeconds(9));
		assertThat(budget.afterTermination()).isEqualTo(ShutdownBudget.AFTER_TERMINATION);
		// GatewayTest sets the drain delay to 0
		assertThat(budget.total()).isEqualTo(Duration.ofSeconds(0 + 30 + 9 + 2 + 10));
		assertThat(this.coordinator.getHardDeadline()).isEqualTo(budget.total().plusSeconds(5));
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
