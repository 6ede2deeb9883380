package io.github.ipcboot.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.TestThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * During the drain delay of a graceful shutdown the demo's readiness probe answers
 * {@code OUT_OF_SERVICE} over HTTP, while the web server still serves it.
 */
class ReadinessDuringDrainTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	@Timeout(60)
	void readinessShouldBeOutOfServiceDuringTheDrainDelay() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(DemoApplication.class)
			.initializers(new FreeIngestPortInitializer(), new LocalFilesInitializer())
			.run("--server.port=0", "--server.address=127.0.0.1", "--management.server.port=0",
					"--ipc.tcp.servers.commands.port=0", "--ipc.udp.endpoints.status.port=0",
					"--ipc.shutdown.drain-delay=3s", "--ipc.shutdown.handle-signals=false");
		try {
			// where Kubernetes probes it: the main port, which serves through the drain (the
			// management port's own context closes when the close begins)
			URI readiness = URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port")
					+ "/readyz");
			assertThat(get(readiness).statusCode()).isEqualTo(200);
			CompletableFuture<Void> closed = TestThreads.runAsync(context::close);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				HttpResponse<String> response = get(readiness);
				assertThat(response.statusCode()).isEqualTo(503);
				assertThat(response.body()).contains("OUT_OF_SERVICE");
			});
			assertThat(closed).as("still in the drain delay").isNotDone();
			closed.get(30, TimeUnit.SECONDS);
		}
		finally {
			context.close();
		}
	}

	private HttpResponse<String> get(URI uri) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
