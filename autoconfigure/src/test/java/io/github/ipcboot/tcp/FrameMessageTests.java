package io.github.ipcboot.tcp;

import java.net.InetAddress;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.connection.SocketInfo;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link FrameMessage}: whoever asks for its headers gets what Spring Integration's
 * mapper gives for the same frame.
 */
class FrameMessageTests {

	private final TcpConnection connection = connection();

	@Test
	void headersOfAnUnnumberedFrameShouldBeThoseOfSpringIntegrationsMapper() {
		TcpMessageMapper mapper = new TcpMessageMapper();
		FrameMessage frame = new FrameMessage(new byte[] { 'a' }, this.connection, FrameMessage.UNNUMBERED);
		assertThat(withoutIdAndTimestamp(frame.getHeaders()))
			.isEqualTo(withoutIdAndTimestamp(mapper.toMessage(this.connection).getHeaders()));
	}

	@Test
	void headersOfANumberedFrameShouldCarryItsSequenceAsSpringIntegrationsMapperDoes() {
		TcpMessageMapper mapper = new TcpMessageMapper();
		mapper.setApplySequence(true);
		given(this.connection.incrementAndGetConnectionSequence()).willReturn(7L);
		Message<?> expected = mapper.toMessage(this.connection);
		FrameMessage frame = new FrameMessage(new byte[] { 'a' }, this.connection, 7);
		assertThat(frame.sequence()).isEqualTo(7);
		assertThat(withoutIdAndTimestamp(frame.getHeaders())).isEqualTo(withoutIdAndTimestamp(expected.getHeaders()));
	}

	@Test
	void headersShouldBeMadeOnceAndShowTheFrameInToString() {
		FrameMessage frame = new FrameMessage(new byte[3], this.connection, 2);
		assertThat(frame.getHeaders()).isSameAs(frame.getHeaders());
		assertThat(frame.connectionId()).isEqualTo("conn-1");
		assertThat(frame).hasToString("FrameMessage [3 bytes, connection conn-1, #2]");
		assertThat(new FrameMessage(new byte[1], this.connection, FrameMessage.UNNUMBERED))
			.hasToString("FrameMessage [1 bytes, connection conn-1]");
	}

	private static Map<String, Object> withoutIdAndTimestamp(MessageHeaders headers) {
		Map<String, Object> copy = new java.util.HashMap<>(headers);
		copy.remove(MessageHeaders.ID);
		copy.remove(MessageHeaders.TIMESTAMP);
		return copy;
	}

	private static TcpConnection connection() {
		TcpConnection connection = mock(TcpConnection.class);
		given(connection.getConnectionId()).willReturn("conn-1");
		given(connection.getHostName()).willReturn("localhost");
		given(connection.getHostAddress()).willReturn("127.0.0.1");
		given(connection.getPort()).willReturn(40000);
		given(connection.getPayload()).willReturn(new byte[] { 'a' });
		SocketInfo socket = mock(SocketInfo.class);
		given(socket.getLocalAddress()).willReturn(InetAddress.getLoopbackAddress());
		given(connection.getSocketInfo()).willReturn(socket);
		return connection;
	}

}
