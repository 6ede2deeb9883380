package io.github.ipcboot.tcp.testing;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.ipcboot.framing.FrameInputStream;
import io.github.ipcboot.framing.Framing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The deadline of a frame's read holds against a server that dribbles its bytes, each well within
 * the timeout, over a real loopback connection.
 */
class DeadlineInputStreamTests {

	private ServerSocket server;

	private Socket client;

	private Socket peer;

	@BeforeEach
	void connect() throws Exception {
		this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
		this.client = new Socket(InetAddress.getLoopbackAddress(), this.server.getLocalPort());
		this.peer = this.server.accept();
	}

	@AfterEach
	void close() throws Exception {
		this.peer.close();
		this.client.close();
		this.server.close();
	}

	@Test
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void aFrameDribbledByteByByteShouldTimeOutAtTheDeadline() throws Exception {
		Thread dribbler = new Thread(() -> dribble(this.peer), "dribbler");
		dribbler.setDaemon(true);
		dribbler.start();
		DeadlineInputStream timed = new DeadlineInputStream(this.client);
		timed.startDeadline(Duration.ofSeconds(1));
		// without the deadline each 1-byte read would be within the timeout and the frame would
		// arrive whole after 20 s
		assertThatExceptionOfType(SocketTimeoutException.class)
			.isThrownBy(() -> Framing.line().createCodec().deserialize(new FrameInputStream(timed)));
	}

	@Test
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void aFrameWithinTheDeadlineShouldBeRead() throws Exception {
		this.peer.getOutputStream().write("PONG\r\n".getBytes());
		DeadlineInputStream timed = new DeadlineInputStream(this.client);
		timed.startDeadline(Duration.ofSeconds(20));
		assertThat(new String(Framing.line().createCodec().deserialize(new FrameInputStream(timed))))
			.isEqualTo("PONG");
	}

	/** One byte of "x...x\r\n" every 100 ms for 20 s, then the line's end. */
	private static void dribble(Socket peer) {
		try {
			OutputStream out = peer.getOutputStream();
			for (int i = 0; i < 200 && !peer.isClosed(); i++) {
				out.write('x');
				out.flush();
				Thread.sleep(100);
			}
			out.write("\r\n".getBytes());
		}
		catch (Exception ex) {
			// the test closed the connection
		}
	}

}
