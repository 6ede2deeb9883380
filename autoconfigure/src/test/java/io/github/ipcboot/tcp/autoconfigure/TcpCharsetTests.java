package io.github.ipcboot.tcp.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpListener;
import io.github.ipcboot.tcp.TcpServers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text frames in a charset other than UTF-8, end to end: the bytes on the wire are the
 * configured charset's, and a server and a client of the starter exchange text in it.
 */
class TcpCharsetTests {

	private final ApplicationContextRunner server = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
		.withUserConfiguration(RecordingEcho.class)
		.withPropertyValues("ipc.tcp.servers.echo.port=0", "ipc.tcp.servers.echo.address=127.0.0.1");

	private final ApplicationContextRunner client = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TcpAutoConfiguration.class))
		.withPropertyValues("ipc.tcp.clients.echo.host=127.0.0.1");

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void isoLatin1ServerShouldReadAndWriteSingleByteCharacters(String ioMode) {
		this.server.withPropertyValues("ipc.tcp.servers.echo.charset=ISO-8859-1", "ipc.tcp.servers.echo.io-mode=" + ioMode)
			.run((context) -> {
				try (Socket socket = new Socket(InetAddress.getLoopbackAddress(),
						context.getBean(TcpServers.class).port("echo"))) {
					socket.setSoTimeout(10_000);
					// 'é' is one byte 0xE9 in ISO-8859-1 (two, 0xC3 0xA9, in UTF-8)
					socket.getOutputStream().write(new byte[] { 'c', 'a', 'f', (byte) 0xe9, '\r', '\n' });
					assertThat(readLine(socket.getInputStream()))
						.containsExactly('A', 'C', 'K', ' ', 'c', 'a', 'f', (byte) 0xe9, '\r', '\n');
				}
				assertThat(context.getBean(RecordingEcho.class).received).containsExactly("caf\u00e9");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "net", "nio" })
	void utf16ServerAndClientShouldExchangeText(String ioMode) {
		String text = "\u017elu\u0165ou\u010dk\u00fd k\u016f\u0148 \ud83d\udc0e";
		String[] utf16 = { "charset=UTF-16", "framing=length-header", "io-mode=" + ioMode };
		this.server.withPropertyValues(prefixed("ipc.tcp.servers.echo.", utf16)).run((serverContext) -> {
			int port = serverContext.getBean(TcpServers.class).port("echo");
			// the server's side, byte for byte: a 4-byte length, then UTF-16 with its byte order mark
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
				socket.setSoTimeout(10_000);
				DataOutputStream out = new DataOutputStream(socket.getOutputStream());
				byte[] request = text.getBytes(StandardCharsets.UTF_16);
				out.writeInt(request.length);
				out.write(request);
				out.flush();
				DataInputStream in = new DataInputStream(socket.getInputStream());
				byte[] reply = new byte[in.readInt()];
				in.readFully(reply);
				assertThat(reply).isEqualTo(("ACK " + text).getBytes(StandardCharsets.UTF_16));
			}
			// the client's side: the server decodes the text only if the client encoded it in UTF-16
			this.client.withPropertyValues(prefixed("ipc.tcp.clients.echo.", utf16))
				.withPropertyValues("ipc.tcp.clients.echo.port=" + port)
				.run((clientContext) -> assertThat(clientContext.getBean(TcpClients.class).client("echo").request(text))
					.isEqualTo("ACK " + text));
			assertThat(serverContext.getBean(RecordingEcho.class).received).containsExactly(text, text);
		});
	}

	private static String[] prefixed(String prefix, String... properties) {
		return List.of(properties).stream().map((property) -> prefix + property).toArray(String[]::new);
	}

	private static byte[] readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) != -1) {
			line.write(b);
			if (b == '\n') {
				break;
			}
		}
		return line.toByteArray();
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingEcho {

		final List<String> received = new CopyOnWriteArrayList<>();

		@TcpListener("echo")
		String onLine(String line) {
			this.received.add(line);
			return "ACK " + line;
		}

	}

}
