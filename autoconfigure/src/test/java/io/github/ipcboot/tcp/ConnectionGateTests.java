package io.github.ipcboot.tcp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import io.github.ipcboot.tcp.ConnectionGate.Rejection;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ConnectionGate}: the order of its checks, the counts in all and per client, and
 * that a client's count is forgotten when its last connection closes.
 */
class ConnectionGateTests {

	private static final InetAddress A = address(10, 0, 0, 1);

	private static final InetAddress B = address(10, 0, 0, 2);

	@Test
	void clientAtItsLimitShouldBeRejectedWhileOtherClientsAreAdmitted() {
		ConnectionGate gate = new ConnectionGate("test", 10, 2, List.of());
		assertThat(gate.admit(A)).isNull();
		assertThat(gate.admit(A)).isNull();
		assertThat(gate.admit(A)).isEqualTo(Rejection.MAX_CONNECTIONS_PER_CLIENT);
		assertThat(gate.admit(B)).isNull();
		assertThat(gate.getActive()).isEqualTo(3);
		assertThat(gate.getActive(A)).isEqualTo(2);
		assertThat(gate.getActive(B)).isEqualTo(1);
		assertThat(gate.getRejected(Rejection.MAX_CONNECTIONS_PER_CLIENT)).isEqualTo(1);
		gate.release(A);
		assertThat(gate.admit(A)).isNull();
	}

	@Test
	void clientCountShouldBeForgottenWhenItsLastConnectionCloses() {
		ConnectionGate gate = new ConnectionGate("test", 10, 3, List.of());
		gate.admit(A);
		gate.admit(A);
		gate.admit(B);
		assertThat(gate.getClientsTracked()).isEqualTo(2);
		gate.release(A);
		assertThat(gate.getClientsTracked()).isEqualTo(2);
		gate.release(A);
		gate.release(B);
		assertThat(gate.getClientsTracked()).isZero();
		assertThat(gate.getActive()).isZero();
	}

	@Test
	void fullServerShouldGiveTheClientsPlaceBack() {
		ConnectionGate gate = new ConnectionGate("test", 1, 2, List.of());
		assertThat(gate.admit(A)).isNull();
		assertThat(gate.admit(B)).isEqualTo(Rejection.MAX_CONNECTIONS);
		assertThat(gate.getActive(B)).isZero();
		assertThat(gate.getClientsTracked()).isEqualTo(1);
		assertThat(gate.admit(A)).isEqualTo(Rejection.MAX_CONNECTIONS);
		assertThat(gate.getActive(A)).isOne();
		assertThat(gate.getRejected(Rejection.MAX_CONNECTIONS)).isEqualTo(2);
		assertThat(gate.getRejected(Rejection.MAX_CONNECTIONS_PER_CLIENT)).isZero();
	}

	@Test
	void clientNotAllowedShouldBeRejectedBeforeItIsCounted() {
		ConnectionGate gate = new ConnectionGate("test", 10, 1, List.of(CidrRange.parse("10.0.0.2")));
		assertThat(gate.admit(A)).isEqualTo(Rejection.NOT_ALLOWED);
		assertThat(gate.admit(A)).isEqualTo(Rejection.NOT_ALLOWED);
		assertThat(gate.getClientsTracked()).isZero();
		assertThat(gate.getActive()).isZero();
		assertThat(gate.admit(B)).isNull();
		assertThat(gate.getRejected(Rejection.NOT_ALLOWED)).isEqualTo(2);
	}

	@Test
	void withoutALimitPerClientNoClientShouldBeTracked() {
		ConnectionGate gate = new ConnectionGate("test", 10, List.of());
		for (int i = 0; i < 5; i++) {
			assertThat(gate.admit(A)).isNull();
		}
		assertThat(gate.getMaxConnectionsPerClient()).isZero();
		assertThat(gate.getClientsTracked()).isZero();
		gate.release(A);
		assertThat(gate.getActive()).isEqualTo(4);
	}

	@Test
	void limitsShouldBeReportedAsConfigured() {
		ConnectionGate gate = new ConnectionGate("test", 10, 3, List.of());
		assertThat(gate.getMaxConnections()).isEqualTo(10);
		assertThat(gate.getMaxConnectionsPerClient()).isEqualTo(3);
	}

	@Test
	void limitsOutOfRangeShouldBeRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ConnectionGate("test", 0, List.of()))
			.withMessage("max-connections must be at least 1, got 0");
		assertThatIllegalArgumentException().isThrownBy(() -> new ConnectionGate("test", 1, -1, List.of()))
			.withMessage("max-connections-per-client must be 0 (no limit) or more, got -1");
	}

	@Test
	void ticketShouldGiveThePlaceBackOnce() {
		ConnectionGate gate = new ConnectionGate("test", 10, 1, List.of());
		gate.admit(A);
		GateTicket ticket = new GateTicket(gate, A);
		ticket.release();
		assertThat(gate.getActive()).isZero();
		assertThat(gate.getActive(A)).isZero();
		assertThat(gate.admit(A)).isNull();
		ticket.release();
		assertThat(gate.getActive()).isOne();
		assertThat(gate.getActive(A)).isOne();
		new GateTicket(null, A).release();
	}

	@Test
	void proxiedConnectionShouldHoldAPlaceInAllUntilItsClientIsAdmittedThenCountForTheClient() {
		TcpProxyProtocol protocol = new TcpProxyProtocol(List.of(CidrRange.parse("10.0.0.0/8")),
				TcpProxyProtocol.DEFAULT_HEADER_TIMEOUT, TcpProxyProtocol.DEFAULT_MAX_HEADER_SIZE);
		ConnectionGate gate = new ConnectionGate("test", 2, 1, List.of(CidrRange.parse("203.0.113.0/24")));
		InetAddress client = address(203, 0, 113, 7);
		assertThat(gate.admitProxy(address(192, 168, 0, 1), protocol)).isEqualTo(Rejection.NOT_ALLOWED);
		assertThat(gate.admitProxy(A, protocol)).isNull();
		GateTicket first = GateTicket.proxied(gate);
		assertThat(gate.getActive()).isEqualTo(1);
		assertThat(first.admit(client)).isNull();
		assertThat(gate.getActive(client)).isEqualTo(1);
		assertThat(gate.admitProxy(A, protocol)).isNull();
		GateTicket second = GateTicket.proxied(gate);
		assertThat(second.admit(client)).isEqualTo(Rejection.MAX_CONNECTIONS_PER_CLIENT);
		assertThat(second.admit(address(198, 51, 100, 1))).isEqualTo(Rejection.NOT_ALLOWED);
		assertThat(gate.admitProxy(A, protocol)).isEqualTo(Rejection.MAX_CONNECTIONS);
		second.release();
		second.release();
		first.release();
		assertThat(gate.getActive()).isZero();
		assertThat(gate.getActive(client)).isZero();
		assertThat(gate.getRejected(Rejection.NOT_ALLOWED)).isEqualTo(2);
	}

	@Test
	void proxiedTicketReleasedBeforeItsHeaderShouldTakeNoPlaceForTheClient() {
		TcpProxyProtocol protocol = new TcpProxyProtocol(List.of(), TcpProxyProtocol.DEFAULT_HEADER_TIMEOUT,
				TcpProxyProtocol.DEFAULT_MAX_HEADER_SIZE);
		ConnectionGate gate = new ConnectionGate("test", 2, 1, List.of());
		assertThat(gate.admitProxy(A, protocol)).isNull();
		GateTicket ticket = GateTicket.proxied(gate);
		ticket.release();
		assertThat(ticket.admit(B)).isNull();
		assertThat(gate.getActive()).isZero();
		assertThat(gate.getActive(B)).isZero();
	}

	private static InetAddress address(int... octets) {
		try {
			return InetAddress.getByAddress(new byte[] { (byte) octets[0], (byte) octets[1], (byte) octets[2],
					(byte) octets[3] });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
