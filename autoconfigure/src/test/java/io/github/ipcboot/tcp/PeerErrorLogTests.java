package io.github.ipcboot.tcp;

import java.io.UncheckedIOException;
import java.net.SocketException;

import io.github.ipcboot.framing.FrameTooLargeException;
import io.github.ipcboot.framing.MalformedFrameException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.integration.ip.tcp.connection.TcpConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link PeerErrorLog}: one WARN line per connection without a stack trace, the details
 * at DEBUG.
 */
@ExtendWith(OutputCaptureExtension.class)
class PeerErrorLogTests {

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	@AfterEach
	void resetLevel() {
		this.loggingSystem.setLogLevel(PeerErrorLog.class.getName(), null);
	}

	@Test
	void firstProtocolErrorShouldBeOneWarningLineAndTheRestNothingAboveDebug(CapturedOutput output) {
		this.loggingSystem.setLogLevel(PeerErrorLog.class.getName(), LogLevel.INFO);
		PeerErrorLog log = new PeerErrorLog(connection("c-1"), new WarnRateLimit(System::nanoTime));
		int start = output.length();
		log.protocolError(new UncheckedIOException(new FrameTooLargeException(64, 500, "read 500 bytes")));
		log.protocolError(new MalformedFrameException("bytes before the start"));
		log.connectionLost(new SocketException("Connection reset"));
		String logged = output.toString().substring(start);
		assertThat(logged.lines()).singleElement()
			.asString()
			.contains("WARN", "Connection c-1: FrameTooLargeException: frame exceeds 64 bytes",
					"further errors of this connection are logged at DEBUG");
	}

	@Test
	void everyErrorShouldBeLoggedWithItsStackTraceAtDebug(CapturedOutput output) {
		this.loggingSystem.setLogLevel(PeerErrorLog.class.getName(), LogLevel.DEBUG);
		PeerErrorLog log = new PeerErrorLog(connection("c-2"), new WarnRateLimit(System::nanoTime));
		int start = output.length();
		log.protocolError(new MalformedFrameException("bytes before the start"));
		log.connectionLost(new SocketException("Connection reset"));
		String logged = output.toString().substring(start);
		assertThat(logged.lines().filter((line) -> line.contains(" WARN "))).hasSize(1);
		assertThat(logged.lines().filter((line) -> line.contains(" DEBUG "))).hasSize(2);
		assertThat(logged).contains("java.net.SocketException: Connection reset", "\tat ");
	}

	@Test
	void eachConnectionShouldWarnOnce(CapturedOutput output) {
		this.loggingSystem.setLogLevel(PeerErrorLog.class.getName(), LogLevel.INFO);
		int start = output.length();
		for (int i = 0; i < 3; i++) {
			PeerErrorLog log = new PeerErrorLog(connection("c-" + i), new WarnRateLimit(System::nanoTime));
			log.protocolError(new MalformedFrameException("junk"));
			log.protocolError(new MalformedFrameException("junk"));
		}
		assertThat(output.toString().substring(start).lines().filter((line) -> line.contains(" WARN ")))
			.hasSize(3);
	}

	@Test
	void connectionsOfOneServerShouldShareABoundOnWarnings(CapturedOutput output) {
		this.loggingSystem.setLogLevel(PeerErrorLog.class.getName(), LogLevel.INFO);
		int start = output.length();
		WarnRateLimit shared = new WarnRateLimit(System::nanoTime);
		for (int i = 0; i < WarnRateLimit.MAX_PER_WINDOW + 5; i++) {
			new PeerErrorLog(connection("flood-" + i), shared).protocolError(new MalformedFrameException("junk"));
		}
		assertThat(output.toString().substring(start).lines().filter((line) -> line.contains(" WARN ")))
			.hasSize(WarnRateLimit.MAX_PER_WINDOW);
	}

	private static TcpConnection connection(String id) {
		TcpConnection connection = mock(TcpConnection.class);
		given(connection.getConnectionId()).willReturn(id);
		return connection;
	}

}
