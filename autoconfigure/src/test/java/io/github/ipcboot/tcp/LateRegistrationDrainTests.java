package io.github.ipcboot.tcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection the gate admitted before a drain began but that registers with the dispatcher only
 * after the drain scanned the open connections: it is idle, so the drain closes it as well,
 * rather than leaving it open until the drain's timeout.
 */
class LateRegistrationDrainTests {

	@Test
	@Timeout(30)
	void connectionRegisteredAfterTheDrainBeganShouldBeClosedAsIdle() throws IOException {
		TcpServerDispatcher dispatcher = new TcpServerDispatcher("late",
				new ListenerMethod(new EchoListener(), ReflectionUtils.findMethod(EchoListener.class, "onLine", String.class)),
				StandardCharsets.UTF_8, ServerErrorPolicy.CLOSE);
		try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				Socket client = new Socket()) {
			client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listening.getLocalPort()), 5_000);
			client.setSoTimeout(10_000);
			TcpNetConnection accepted = new TcpNetConnection(listening.accept(), true, false, null, null);
			dispatcher.beginDrain();
			dispatcher.addNewConnection(accepted);
			assertThat(accepted.isOpen()).as("closed by the drain").isFalse();
			assertThat(client.getInputStream().read()).as("end of stream").isEqualTo(-1);
		}
	}

	static class EchoListener {

		String onLine(String line) {
			return line;
		}

	}

}
