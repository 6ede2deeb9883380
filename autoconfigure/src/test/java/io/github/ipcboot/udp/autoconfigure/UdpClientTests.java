package io.github.ipcboot.udp.autoconfigure;

import java.time.Duration;

import io.github.ipcboot.udp.UdpClient;
import io.github.ipcboot.udp.UdpClients;
import io.github.ipcboot.udp.UdpContext;
import io.github.ipcboot.udp.UdpEndpoints;
import io.github.ipcboot.udp.UdpListener;
import io.github.ipcboot.udp.UdpPeer;
import io.github.ipcboot.udp.UdpReplyTimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link UdpClient}: request-reply, fire-and-forget, timeouts and retries, against a
 * configured endpoint or a plain datagram socket on 127.0.0.1.
 */
class UdpClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(UdpAutoConfiguration.class));

	@Test
	void clientShouldGetTheReplyOfAConfiguredEndpoint() {
		this.contextRunner.withUserConfiguration(PingListener.class)
			.withPropertyValues("ipc.udp.endpoints.status.port=0", "ipc.udp.endpoints.status.address=127.0.0.1")
			.run((context) -> {
				int port = context.getBean(UdpEndpoints.class).port("status");
				try (UdpClient client = new UdpClient(UdpSettingsFactory.client("status", clientProperties(port)))) {
					assertThat(client.request("PING")).isEqualTo("PONG");
					assertThat(client.request("PING")).isEqualTo("PONG");
					assertThat(client.getStats().getSent()).isEqualTo(2);
				}
			});
	}

	@Test
	void clientsShouldBeConfiguredByName() {
		try (UdpPeer server = UdpPeer.open()) {
			this.contextRunner
				.withPropertyValues("ipc.udp.clients.metrics.host=127.0.0.1",
						"ipc.udp.clients.metrics.port=" + server.port())
				.run((context) -> {
					assertThat(context.getBean("metricsUdpClient"))
						.isSameAs(context.getBean(UdpClients.class).client("metrics"));
					context.getBean(UdpClients.class).client("metrics").send("requests:1|c");
					UdpPeer.Received received = server.receive(TIMEOUT);
					assertThat(received).isNotNull();
					assertThat(received.text()).isEqualTo("requests:1|c");
				});
		}
	}

	@Test
	void requestWithoutReplyShouldBeRetriedThenTimeOut() {
		try (UdpPeer silent = UdpPeer.open()) {
			UdpClientProperties properties = clientProperties(silent.port());
			properties.setReplyTimeout(Duration.ofMillis(200));
			properties.setRetries(2);
			try (UdpClient client = new UdpClient(UdpSettingsFactory.client("silent", properties))) {
				assertThatExceptionOfType(UdpReplyTimeoutException.class).isThrownBy(() -> client.request("HELLO"))
					.withMessage("UDP client 'silent' (127.0.0.1:" + silent.port()
							+ "): no reply within 200 ms in 3 attempt(s)");
				for (int i = 0; i < 3; i++) {
					UdpPeer.Received attempt = silent.receive(TIMEOUT);
					assertThat(attempt).isNotNull();
					assertThat(attempt.text()).isEqualTo("HELLO");
				}
			}
		}
	}

	@Test
	void lostRequestShouldBeAnsweredOnTheRetry() throws Exception {
		try (UdpPeer server = UdpPeer.open()) {
			UdpClientProperties properties = clientProperties(server.port());
			// long enough that the responder answers the second attempt before a third is sent
			properties.setReplyTimeout(Duration.ofSeconds(3));
			properties.setRetries(3);
			try (UdpClient client = new UdpClient(UdpSettingsFactory.client("lossy", properties))) {
				// the first attempt is "lost": not answered
				Thread responder = answer(server, 1);
				assertThat(client.request("Q")).isEqualTo("reply to Q");
				responder.join(TIMEOUT.toMillis());
				assertThat(client.getStats().getSent()).isEqualTo(2);
			}
		}
	}

	@Test
	void lateReplyToARequestThatTimedOutShouldNeverBeTakenForTheNextReply() throws Exception {
		try (UdpPeer server = UdpPeer.open()) {
			UdpClientProperties properties = clientProperties(server.port());
			// long enough for the responder thread under load; ONE waits it out once
			properties.setReplyTimeout(Duration.ofSeconds(2));
			properties.setRetries(0);
			try (UdpClient client = new UdpClient(UdpSettingsFactory.client("late", properties))) {
				assertThatExceptionOfType(UdpReplyTimeoutException.class).isThrownBy(() -> client.request("ONE"));
				UdpPeer.Received one = server.receive(TIMEOUT);
				assertThat(one).isNotNull();
				// the reply to ONE comes late: after TWO was sent, just before TWO's own reply
				Thread responder = new Thread(() -> {
					UdpPeer.Received two = server.receive(TIMEOUT);
					if (two != null) {
						server.send(one.sender().getPort(), "late reply to ONE");
						server.send(two.sender().getPort(), "reply to " + two.text());
					}
				});
				responder.start();
				assertThat(client.request("TWO")).isEqualTo("reply to TWO");
				responder.join(TIMEOUT.toMillis());
			}
		}
	}

	@Test
	void answerToAFireAndForgetSendShouldNeverBeTakenForAReply() throws Exception {
		try (UdpPeer server = UdpPeer.open()) {
			UdpClientProperties properties = clientProperties(server.port());
			properties.setReplyTimeout(Duration.ofSeconds(5));
			try (UdpClient client = new UdpClient(UdpSettingsFactory.client("mixed", properties))) {
				client.send("NOTE");
				UdpPeer.Received note = server.receive(TIMEOUT);
				assertThat(note).isNotNull();
				// the server answers the send only once the request is out, then the request
				Thread responder = new Thread(() -> {
					UdpPeer.Received request = server.receive(TIMEOUT);
					if (request != null) {
						server.send(note.sender().getPort(), "answer to NOTE");
						server.send(request.sender().getPort(), "reply to " + request.text());
					}
				});
				responder.start();
				assertThat(client.request("Q")).isEqualTo("reply to Q");
				responder.join(TIMEOUT.toMillis());
			}
		}
	}

	/**
	 * Start a thread that lets the first datagrams go unanswered, then answers the next one.
	 */
	private static Thread answer(UdpPeer server, int unanswered) {
		Thread responder = new Thread(() -> {
			for (int i = 0; i < unanswered; i++) {
				if (server.receive(TIMEOUT) == null) {
					return;
				}
			}
			UdpPeer.Received request = server.receive(TIMEOUT);
			if (request != null) {
				server.send(request.sender().getPort(), "reply to " + request.text());
			}
		});
		responder.start();
		return responder;
	}

	static UdpClientProperties clientProperties(int port) {
		UdpClientProperties properties = new UdpClientProperties();
		properties.setHost("127.0.0.1");
		properties.setPort(port);
		return properties;
	}

	@Configuration(proxyBeanMethods = false)
	static class PingListener {

		@UdpListener("status")
		String onDatagram(String text, UdpContext context) {
			return "PING".equals(text) ? "PONG" : null;
		}

	}

}
