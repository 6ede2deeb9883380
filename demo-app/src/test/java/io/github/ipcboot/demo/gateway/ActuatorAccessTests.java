package io.github.ipcboot.demo.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.ipcboot.demo.GatewayClient;
import io.github.ipcboot.demo.GatewayTest;
import io.github.ipcboot.demo.GatewayTestSupport;
import io.github.ipcboot.process.ProcessInfo;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's Actuator access: its endpoints read, nobody writes through them by default; a run
 * cancelled from outside the gateway (as the {@code processes} endpoint does once opened) ends
 * with {@code ERR CANCELLED}, not with the shutdown's code.
 */
@GatewayTest
class ActuatorAccessTests extends GatewayTestSupport {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Value("${local.management.port}")
	private int managementPort;

	@Test
	void processesEndpointShouldListButNotCancelByDefault() throws Exception {
		GatewayClient client = connect();
		ProcessInfo child = startTick(client);
		HttpResponse<String> list = send(HttpRequest.newBuilder(uri("/actuator/processes")).GET());
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(list.body()).contains("\"pid\":" + child.pid());
		HttpResponse<String> cancel = send(HttpRequest.newBuilder(uri("/actuator/processes/" + child.pid())).DELETE());
		assertThat(cancel.statusCode()).as(cancel.body()).isBetween(400, 499);
		assertThat(ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive)).contains(true);
	}

	@Test
	void tcpEndpointShouldDescribeButNotCloseConnectionsByDefault() throws Exception {
		GatewayClient client = connect();
		assertThat(client.request("PING")).containsExactly("OK PONG");
		String id = this.servers.get(CommandGatewayListener.SERVER).getConnectionRegistry().getConnections().get(0).id();
		HttpResponse<String> close = send(HttpRequest.newBuilder(uri("/actuator/tcp"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"connectionId\":\"" + id + "\"}")));
		assertThat(close.statusCode()).as(close.body()).isBetween(400, 499);
		assertThat(send(HttpRequest.newBuilder(uri("/actuator/tcp")).GET()).statusCode()).isEqualTo(200);
		assertThat(client.request("PING")).containsExactly("OK PONG");
	}

	@Test
	void runCancelledFromOutsideShouldEndWithCancelled() throws Exception {
		GatewayClient client = connect();
		ProcessInfo child = startTick(client);
		// what DELETE /actuator/processes/{pid} does once opened
		assertThat(this.processes.find(child.pid()).orElseThrow().cancel()).isTrue();
		assertThat(client.readLine()).isEqualTo("ERR CANCELLED");
		assertThat(client.request("PING")).containsExactly("OK PONG");
	}

	/**
	 * Start the test command {@code tick} for a client and return its child once it printed.
	 */
	private ProcessInfo startTick(GatewayClient client) throws Exception {
		client.send("RUN tick");
		assertThat(client.readLine()).isEqualTo("STDOUT started");
		return awaitSingleProcess("tick");
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.managementPort + path);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

}
