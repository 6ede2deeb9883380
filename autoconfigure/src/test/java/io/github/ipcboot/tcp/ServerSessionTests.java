package io.github.ipcboot.tcp;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.ipcboot.TestThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.messaging.Message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link ServerSession} on its own: what it writes or refuses to write, its close
 * callbacks, and the count of frames and work in hand that decides whether a drain may close the
 * connection as idle. The connection under it is a stand-in; the socket side is tested by
 * {@code TcpSessionTests} and the drain tests.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerSessionTests {

	private final ConnectionStats stats = mock(ConnectionStats.class);

	private final AtomicBoolean draining = new AtomicBoolean();

	private final StatsConnection connection = mock(StatsConnection.class);

	private final ServerSession session;

	ServerSessionTests() {
		given(this.connection.getConnectionId()).willReturn("c-1");
		given(this.connection.getHostAddress()).willReturn("10.0.0.7");
		given(this.connection.getPort()).willReturn(4711);
		given(this.connection.isOpen()).willReturn(true);
		given(this.connection.stats()).willReturn(this.stats);
		this.session = new ServerSession(this.connection, "echo", StandardCharsets.UTF_16BE, this.draining::get);
	}

	@Test
	void sessionShouldDescribeItsConnection() {
		assertThat(this.session.id()).isEqualTo("c-1");
		assertThat(this.session.serverName()).isEqualTo("echo");
		assertThat(this.session.remoteAddress()).isEqualTo(new InetSocketAddress("10.0.0.7", 4711));
		assertThat(this.session.attributes()).isEmpty();
		this.session.attributes().put("user", "alice");
		assertThat(this.session.attributes()).containsEntry("user", "alice");
		assertThat(this.session.charset()).isEqualTo(StandardCharsets.UTF_16BE);
		assertThat(this.session.connection()).isSameAs(this.connection);
		assertThat(this.session).hasToString("TcpSession[echo c-1]");
	}

	@Test
	void textShouldBeSentInTheServersCharset() {
		this.session.send("hé");
		assertThat(sentFrames()).singleElement().isEqualTo("hé".getBytes(StandardCharsets.UTF_16BE));
	}

	@Test
	void sendOnAClosedSessionShouldBeRefusedAndCountedAsDropped() {
		this.session.close();
		verify(this.connection).close();
		assertThat(this.session.isOpen()).isFalse();
		assertThatExceptionOfType(TcpSessionClosedException.class).isThrownBy(() -> this.session.send(new byte[5]))
			.withMessage("Connection c-1 of server 'echo' is closed: a frame of 5 bytes was dropped")
			.withNoCause();
		verify(this.stats).dropped();
		verify(this.connection, never()).send(any());
	}

	@Test
	void sendOnAConnectionClosedUnderneathShouldBeRefused() {
		given(this.connection.isOpen()).willReturn(false);
		assertThat(this.session.isOpen()).isFalse();
		assertThatExceptionOfType(TcpSessionClosedException.class).isThrownBy(() -> this.session.send(new byte[1]));
		verify(this.connection, never()).send(any());
	}

	@Test
	void failedWriteShouldBeRefusedWithItsCauseAndCountedAsDropped() {
		IllegalStateException failure = new IllegalStateException("Broken pipe");
		willThrow(failure).given(this.connection).send(any());
		assertThatExceptionOfType(TcpSessionClosedException.class).isThrownBy(() -> this.session.send(new byte[7]))
			.withMessage("Could not send a frame of 7 bytes on connection c-1 of server 'echo'")
			.withCause(failure);
		verify(this.stats).dropped();
	}

	@Test
	void replyToAClosedSessionShouldBeDroppedQuietlyAndCounted() {
		this.session.close();
		this.session.sendReply(new byte[3]);
		willThrow(new IllegalStateException("Broken pipe")).given(this.connection).send(any());
		this.session.sendReply(new byte[3]);
		verify(this.stats, times(2)).dropped();
	}

	@Test
	void droppedFrameOfAConnectionWithoutStatisticsShouldOnlyBeRefused() {
		TcpConnection plain = mock(TcpConnection.class);
		given(plain.getHostAddress()).willReturn("::1");
		ServerSession session = new ServerSession(plain, "echo", StandardCharsets.UTF_8, () -> false);
		assertThat(session.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
		assertThatExceptionOfType(TcpSessionClosedException.class).isThrownBy(() -> session.send(new byte[1]));
	}

	@Test
	void closeCallbacksShouldRunOnceEachWhenTheConnectionCloses(CapturedOutput output) {
		List<String> ran = new CopyOnWriteArrayList<>();
		this.session.onClose(() -> ran.add("first"));
		this.session.onClose(() -> {
			throw new IllegalStateException("callback failed");
		});
		this.session.onClose(() -> ran.add("third"));
		assertThat(ran).isEmpty();
		this.session.closed();
		this.session.closed();
		assertThat(ran).containsExactly("first", "third");
		assertThat(output).contains("A close callback of connection c-1 of server 'echo' failed",
				"callback failed");
		assertThat(this.session.isOpen()).isFalse();
	}

	@Test
	void callbackAddedAfterTheCloseShouldRunAtOnceAndOnlyOnce() {
		List<String> ran = new CopyOnWriteArrayList<>();
		this.session.close();
		this.session.onClose(() -> ran.add("late"));
		assertThat(ran).containsExactly("late");
		this.session.closed();
		assertThat(ran).containsExactly("late");
	}

	@Test
	void drainShouldCloseOnlyAnIdleSessionAndThenRefuseNewFrames() {
		assertThat(this.session.beginHandling()).isTrue();
		assertThat(this.session.beginHandling()).isTrue();
		assertThat(this.session.closeIfIdle()).isFalse();
		this.session.endHandling();
		assertThat(this.session.closeIfIdle()).isFalse();
		this.session.endHandling();
		assertThat(this.session.closeIfIdle()).isTrue();
		verify(this.connection).close();
		assertThat(this.session.closeIfIdle()).isFalse();
		assertThat(this.session.beginHandling()).isFalse();
	}

	@Test
	void workShouldKeepTheSessionBusyUntilItEndsOnce() {
		Runnable work = this.session.beginWork();
		assertThat(this.session.closeIfIdle()).isFalse();
		work.run();
		Runnable other = this.session.beginWork();
		// ending the first work again must not end the other
		work.run();
		assertThat(this.session.closeIfIdle()).isFalse();
		other.run();
		assertThat(this.session.closeIfIdle()).isTrue();
	}

	@Test
	void workEndingDuringADrainShouldCloseTheIdleSession() {
		Runnable work = this.session.beginWork();
		this.draining.set(true);
		work.run();
		verify(this.connection).close();
		assertThat(this.session.isOpen()).isFalse();
	}

	@Test
	void workEndingWithoutADrainShouldLeaveTheSessionOpen() {
		this.session.beginWork().run();
		verify(this.connection, never()).close();
		assertThat(this.session.isOpen()).isTrue();
	}

	@Test
	void workBegunOnASessionADrainClosedShouldNotCountOrClose() {
		assertThat(this.session.closeIfIdle()).isTrue();
		this.draining.set(true);
		this.session.beginWork().run();
		verify(this.connection, times(1)).close();
		assertThat(this.session.beginHandling()).isFalse();
	}

	@Test
	void handlerShouldWaitForWorkItBeganUntilItEnds() {
		assertThat(this.session.beginHandling()).isTrue();
		Runnable work = this.session.beginWork();
		CompletableFuture<Void> handler = TestThreads.runAsync(this.session::awaitWorkInFlight);
		assertThat(handler).isNotDone();
		work.run();
		assertThat(handler).succeedsWithin(Duration.ofSeconds(30));
		// with no work in flight the handler goes on at once
		this.session.awaitWorkInFlight();
	}

	@Test
	void handlerShouldStopWaitingForWorkOnceTheSessionCloses() {
		assertThat(this.session.beginHandling()).isTrue();
		this.session.beginWork();
		CompletableFuture<Void> handler = TestThreads.runAsync(this.session::awaitWorkInFlight);
		this.session.close();
		assertThat(handler).succeedsWithin(Duration.ofSeconds(30));
	}

	@Test
	void interruptedHandlerShouldStopWaitingForWork() {
		assertThat(this.session.beginHandling()).isTrue();
		this.session.beginWork();
		CompletableFuture<Boolean> handler = TestThreads.supplyAsync(() -> {
			Thread.currentThread().interrupt();
			this.session.awaitWorkInFlight();
			return Thread.interrupted();
		});
		assertThat(handler).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
	}

	@Test
	void framesWaitingInTheBacklogShouldKeepANioSessionFromClosingAsIdle() {
		NioConnection nio = mock(NioConnection.class);
		given(nio.getHostAddress()).willReturn("127.0.0.1");
		FrameBacklog backlog = new FrameBacklog(1_000_000, () -> 0, () -> 0, () -> {
		});
		given(nio.backlog()).willReturn(backlog);
		ServerSession session = new ServerSession(nio, "echo", StandardCharsets.UTF_8, () -> true);
		backlog.assembling();
		backlog.assembled(true);
		assertThat(session.closeIfIdle()).isFalse();
		session.frameHandled();
		assertThat(backlog.isEmpty()).isTrue();
		assertThat(session.closeIfIdle()).isTrue();
		verify(nio).close();
	}

	@Test
	void clientSideNioConnectionWithoutBacklogShouldCloseWhenIdle() {
		NioConnection nio = mock(NioConnection.class);
		given(nio.getHostAddress()).willReturn("127.0.0.1");
		ServerSession session = new ServerSession(nio, "echo", StandardCharsets.UTF_8, () -> true);
		session.frameHandled();
		assertThat(session.closeIfIdle()).isTrue();
	}

	@SuppressWarnings("unchecked")
	private List<byte[]> sentFrames() {
		ArgumentCaptor<Message<?>> sent = ArgumentCaptor.forClass(Message.class);
		verify(this.connection).send(sent.capture());
		return sent.getAllValues().stream().map((message) -> (byte[]) message.getPayload()).toList();
	}

	/** A server's connection that keeps statistics, as both kinds of connection do. */
	interface StatsConnection extends TcpConnection, ConnectionStats.Tracked {

	}

	/** A NIO connection with its backlog. */
	interface NioConnection extends TcpConnection, FrameBacklog.Tracked {

	}

}
