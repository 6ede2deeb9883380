package io.github.ipcboot.tcp.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.ipcboot.tcp.LineClient;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Errors that clients cause (oversized frames, junk before an MLLP start sequence, half frames cut
 * off by a reset, garbage, a reset before the reply) must never reach the log at ERROR or with a
 * stack trace: at most one WARN line per connection, so that no client can flood the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class TcpClientErrorLoggingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final int BAD_CONNECTIONS = 50;

	/** A line of the test log (logback's default layout): time, thread, level. */
	private static final Pattern LOG_LINE = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[[^\\]]*\\] (\\w+) .*");

	private static final Pattern CONNECTION_ID = Pattern.compile("127\\.0\\.0\\.1:\\d+:\\d+:[0-9a-f-]{36}");

	final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
		.withUserConfiguration(Listeners.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1",
				"ipc.tcp.servers.echo.max-frame-size=64B", "ipc.tcp.servers.mllp.port=0",
				"ipc.tcp.servers.mllp.address=127.0.0.1", "ipc.tcp.servers.mllp.framing=start-end",
				"ipc.tcp.servers.mllp.start=\\x0b", "ipc.tcp.servers.mllp.end=\\x1c\\r");

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void floodOfBadConnectionsShouldLogNoErrorNoStackTraceAndOneWarningPerConnectionAtMost(String ioMode,
			CapturedOutput output) {
		this.contextRunner
			.withPropertyValues("ipc.tcp.servers.echo.io-mode=" + ioMode, "ipc.tcp.servers.mllp.io-mode=" + ioMode)
			.run((context) -> {
				TcpServers servers = context.getBean(TcpServers.class);
				int start = output.length();
				Random random = new Random(42);
				try (LineClient good = new LineClient(servers.port("echo"))) {
					for (int i = 0; i < BAD_CONNECTIONS; i++) {
						misbehave(i % 5, servers, random);
						assertThat(good.request("good " + i)).isEqualTo("ACK good " + i);
					}
					// every bad connection has closed (and logged what it had to) by now
					await().atMost(TIMEOUT).until(() -> servers.get("echo").getActiveConnections() == 1
							&& servers.get("mllp").getActiveConnections() == 0);
					assertThat(good.request("after")).isEqualTo("ACK after");
				}
				assertCleanLog(output.toString().substring(start));
				assertThat(servers.get("echo").getFramesTooLarge()).isPositive();
			});
	}

	/**
	 * Misbehave in one of five ways on a connection of its own.
	 */
	private static void misbehave(int kind, TcpServers servers, Random random) throws IOException {
		int port = servers.port((kind == 1) ? "mllp" : "echo");
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			switch (kind) {
				// an oversized frame
				case 0 -> out.write("x".repeat(500).getBytes(StandardCharsets.US_ASCII));
				// junk before an MLLP start sequence
				case 1 -> out.write("junk\u000bMSH|^~\\&|A|B\r\u001c\r".getBytes(StandardCharsets.US_ASCII));
				// half a frame, then a reset
				case 2 -> out.write("half a li".getBytes(StandardCharsets.US_ASCII));
				// garbage
				case 3 -> {
					byte[] garbage = new byte[4096];
					random.nextBytes(garbage);
					out.write(garbage);
					// and surely an oversized frame at the end
					out.write("x".repeat(100).getBytes(StandardCharsets.US_ASCII));
				}
				// a request, then a reset before the reply is read
				default -> out.write("hello\r\nhello\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
			}
			out.flush();
			if (kind == 2 || kind == 4) {
				socket.setSoLinger(true, 0);
			}
			else {
				// wait for the server's close, so that the error has been read on its side
				socket.getInputStream().transferTo(OutputStream.nullOutputStream());
			}
		}
		catch (java.net.SocketException ex) {
			// the server reset the connection: it is closed
		}
	}

	private static void assertCleanLog(String log) {
		Map<String, Integer> warningsPerConnection = new HashMap<>();
		List<String> lines = log.lines().toList();
		for (String line : lines) {
			Matcher logLine = LOG_LINE.matcher(line);
			if (!logLine.matches()) {
				assertThat(line).as("a stack trace or a line of one in:%n%s", log).doesNotStartWith("\tat ")
					.doesNotContainPattern("^(Caused by: |\\S+(Exception|Error)(: |$))");
				continue;
			}
			String level = logLine.group(1);
			assertThat(level).as("level of %s", line).isNotEqualTo("ERROR");
			if (level.equals("WARN")) {
				Matcher id = CONNECTION_ID.matcher(line);
				assertThat(id.find()).as("connection id in %s", line).isTrue();
				warningsPerConnection.merge(id.group(), 1, Integer::sum);
			}
		}
		assertThat(warningsPerConnection.values()).allSatisfy((count) -> assertThat(count).isOne());
		assertThat(warningsPerConnection).hasSizeLessThanOrEqualTo(BAD_CONNECTIONS);
	}

	@Configuration(proxyBeanMethods = false)
	static class Listeners {

		@TcpListener("echo")
		String onLine(String line) {
			return "ACK " + line;
		}

		@TcpListener("mllp")
		String onMessage(String message) {
			return "ACK";
		}

	}

}
