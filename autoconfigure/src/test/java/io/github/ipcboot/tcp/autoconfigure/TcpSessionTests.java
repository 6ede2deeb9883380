package io.github.ipcboot.tcp.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.TcpSession;
import io.github.ipcboot.tcp.TcpSessionClosedException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A {@link TcpSession} seen by the application: what it tells about its connection, its close
 * callbacks, and writing to it after its connection closed (the typed exception), in both I/O
 * modes.
 */
@ExtendWith(OutputCaptureExtension.class)
class TcpSessionTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
		.withUserConfiguration(SessionKeepingListener.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1");

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void sendOnAConnectionTheClientClosedShouldThrowTcpSessionClosedException(String ioMode) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + ioMode).run((context) -> {
			TcpSession session;
			try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("echo"))) {
				assertThat(client.request("hi")).isEqualTo("kept");
				session = context.getBean(SessionKeepingListener.class).session;
				session.send("streamed while open");
				assertThat(client.readLine()).isEqualTo("streamed while open");
			}
			await().atMost(TIMEOUT).until(() -> !session.isOpen());
			assertThatExceptionOfType(TcpSessionClosedException.class).isThrownBy(() -> session.send("late"))
				.withMessage("Connection " + session.id() + " of server 'echo' is closed: a frame of 4 bytes was dropped")
				.withNoCause();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void sendAfterTheApplicationClosedTheSessionShouldThrowTcpSessionClosedException(String ioMode) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + ioMode).run((context) -> {
			try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("echo"))) {
				assertThat(client.request("hi")).isEqualTo("kept");
				TcpSession session = context.getBean(SessionKeepingListener.class).session;
				session.close();
				// a NIO connection's close waits for the frame in flight to be marked handled
				await().atMost(TIMEOUT).until(() -> !session.isOpen());
				assertThatExceptionOfType(TcpSessionClosedException.class)
					.isThrownBy(() -> session.send(new byte[] { 'x' }))
					.withMessage("Connection " + session.id() + " of server 'echo' is closed: a frame of 1 bytes was dropped");
				assertThat(client.isClosedByServer()).isTrue();
			}
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void sessionShouldDescribeItsConnectionAndRunEveryCloseCallbackEvenWhenOneFails(String ioMode,
			CapturedOutput output) {
		this.contextRunner.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + ioMode).run((context) -> {
			AtomicInteger closes = new AtomicInteger();
			TcpSession session;
			try (LineClient client = new LineClient(context.getBean(TcpServers.class).port("echo"))) {
				assertThat(client.request("hi")).isEqualTo("kept");
				session = context.getBean(SessionKeepingListener.class).session;
				assertThat(session.serverName()).isEqualTo("echo");
				assertThat(session.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
				assertThat(session).hasToString("TcpSession[echo " + session.id() + "]");
				session.attributes().put("user", "alice");
				assertThat(context.getBean(SessionKeepingListener.class).session.attributes()).containsEntry("user", "alice");
				session.onClose(() -> {
					throw new IllegalStateException("callback failed");
				});
				session.onClose(closes::incrementAndGet);
			}
			await().atMost(TIMEOUT).until(() -> closes.get() == 1);
			assertThat(output).contains("A close callback of connection " + session.id() + " of server 'echo' failed")
				.contains("callback failed");
			// registered after the close: runs at once
			session.onClose(closes::incrementAndGet);
			assertThat(closes).hasValue(2);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class SessionKeepingListener {

		volatile TcpSession session;

		@TcpListener("echo")
		String onLine(String line, TcpSession session) {
			this.session = session;
			return "kept";
		}

	}

}
