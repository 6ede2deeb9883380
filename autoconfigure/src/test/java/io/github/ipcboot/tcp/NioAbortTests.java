package io.github.ipcboot.tcp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.ipcboot.tcp.TcpObserver.CloseReason;
import org.junit.jupiter.api.Test;

import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpNioConnection;
import org.springframework.integration.ip.tcp.connection.TcpSender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A NIO connection aborted by the watchdog for a write timeout is closed at once even when its
 * write ended between the watchdog's check and the abort (so that no writer fails and finishes
 * the close): its backlog is closed (no queued frame is handed on, no assembler stays parked), its
 * close is counted and its own close runs.
 */
class NioAbortTests {

	@Test
	void writeTimeoutAbortWithoutAWriteInProgressShouldCloseTheBacklogAndTheConnection() throws Exception {
		ConnectionRegistry registry = ConnectionRegistry.standalone();
		ConnectionGate gate = new ConnectionGate("abort", 10, List.of());
		GatedTcpNioConnectionSupport support = new GatedTcpNioConnectionSupport(gate, null, registry, 1 << 16);
		try (ServerSocketChannel listening = ServerSocketChannel.open()
			.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
				SocketChannel client = SocketChannel.open(listening.getLocalAddress());
				SocketChannel accepted = listening.accept()) {
			TcpNioConnection connection = support.createNewConnection(accepted, true, false, null, "abort");
			AtomicInteger removed = new AtomicInteger();
			connection.registerSender(new TcpSender() {

				@Override
				public void addNewConnection(TcpConnection added) {
				}

				@Override
				public void removeDeadConnection(TcpConnection dead) {
					removed.incrementAndGet();
				}

			});
			FrameBacklog backlog = ((FrameBacklog.Tracked) connection).backlog();
			assertThat(backlog).isNotNull();
			assertThat(registry.getOpenConnections()).isEqualTo(1);
			// the write the watchdog saw stuck has just ended: nobody is writing any more
			((ConnectionStats.Tracked) connection).stats().deadlines().abort(CloseReason.WRITE_TIMEOUT);
			assertThat(backlog.isClosed()).isTrue();
			assertThat(connection.isOpen()).isFalse();
			assertThat(removed).hasValue(1);
			assertThat(registry.getOpenConnections()).isZero();
			assertThat(gate.getActive()).isZero();
			assertThat(client.read(ByteBuffer.allocate(1))).isEqualTo(-1);
		}
	}

}
