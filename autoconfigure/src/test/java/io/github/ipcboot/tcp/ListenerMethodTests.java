package io.github.ipcboot.tcp;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.handler.annotation.Header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link ListenerMethod}: the signatures a {@code @TcpListener} method may have, refused
 * at start-up with what to change, and how a call maps the frame, the session and the reply.
 */
class ListenerMethodTests {

	private final Signatures bean = new Signatures();

	private final TcpSession session = mock(TcpSession.class);

	@Test
	void unsupportedParameterShouldBeRefusedNamingItsType() {
		assertThatIllegalStateException().isThrownBy(() -> listener("withCount"))
			.withMessage("@TcpListener method " + Signatures.class.getName() + ".withCount has a parameter of type int; "
					+ "use byte[] or String for the frame (or a type to convert it to), TcpSession for the "
					+ "connection, or @Header(TcpHeaders...) for its metadata");
	}

	@Test
	void frameOrSessionTakenTwiceShouldBeRefused() {
		assertThatIllegalStateException().isThrownBy(() -> listener("twoFrames"))
			.withMessageEndingWith(".twoFrames may take the frame and the TcpSession once each");
		assertThatIllegalStateException().isThrownBy(() -> listener("twoSessions"))
			.withMessageEndingWith(".twoSessions may take the frame and the TcpSession once each");
	}

	@Test
	void unsupportedReturnTypeShouldBeRefusedNamingIt() {
		assertThatIllegalStateException().isThrownBy(() -> listener("returnsCount"))
			.withMessageEndingWith(".returnsCount returns int; return void, byte[], String or a type to convert");
	}

	@Test
	void unknownOrMistypedHeaderShouldBeRefusedNamingTheHeader() {
		assertThatIllegalStateException().isThrownBy(() -> listener("unknownHeader"))
			.withMessageEndingWith(".unknownHeader has a parameter with @Header(\"kafka_offset\"); use "
					+ "TcpHeaders.CONNECTION_ID, TcpHeaders.SERVER_NAME or TcpHeaders.REMOTE_ADDRESS");
		assertThatIllegalStateException().isThrownBy(() -> listener("mistypedHeader"))
			.withMessageEndingWith(".mistypedHeader takes @Header(\"" + TcpHeaders.REMOTE_ADDRESS
					+ "\") as java.lang.String; use java.net.InetSocketAddress");
	}

	@Test
	void plainListenersShouldNeedNoConverterAndOthersShould() {
		assertThat(listener("upperCase").needsConverter()).isFalse();
		assertThat(listener("withMetadata").needsConverter()).isFalse();
		assertThat(listener("returnsObject").needsConverter()).isTrue();
		assertThat(listener("takesPoint").needsConverter()).isTrue();
	}

	@Test
	void connectionMetadataShouldBePassedAsDeclared() throws Exception {
		InetSocketAddress client = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
		given(this.session.id()).willReturn("c-1");
		given(this.session.serverName()).willReturn("orders");
		given(this.session.remoteAddress()).willReturn(client);
		byte[] reply = listener("withMetadata").invoke("hi".getBytes(StandardCharsets.UTF_8), this.session,
				StandardCharsets.UTF_8);
		assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("hi c-1 orders " + client + " " + client);
	}

	@Test
	void convertedPayloadAndResultShouldGoThroughTheConverter() throws Exception {
		ListenerMethod listener = listener("takesPoint");
		listener.usePayloads(new ListenerPayloads(new JacksonJsonMessageConverter()));
		byte[] reply = listener.invoke("{\"x\":1,\"y\":2}".getBytes(StandardCharsets.UTF_8), this.session,
				StandardCharsets.UTF_8);
		assertThat(new String(reply, StandardCharsets.UTF_8)).isEqualTo("{\"x\":2,\"y\":1}");
	}

	@Test
	void errorHandlerShouldAnswerForAFailingListenerAndMayLeaveTheErrorToThePolicy() throws Exception {
		ListenerMethod listener = listener("failing");
		listener.useErrorHandler((error, frame, session) -> "ERR " + error.getMessage());
		assertThat(listener.invoke(new byte[0], this.session, StandardCharsets.UTF_8))
			.isEqualTo("ERR backend down".getBytes(StandardCharsets.UTF_8));
		listener.useErrorHandler((error, frame, session) -> {
			throw new IllegalStateException("not mine", error);
		});
		assertThatIllegalStateException()
			.isThrownBy(() -> listener.invoke(new byte[0], this.session, StandardCharsets.UTF_8))
			.withMessage("not mine");
	}

	@Test
	void textShouldBeDecodedAndTheReplyEncodedInTheServersCharset() throws Exception {
		byte[] frame = "héllo".getBytes(StandardCharsets.ISO_8859_1);
		byte[] reply = listener("upperCase").invoke(frame, this.session, StandardCharsets.ISO_8859_1);
		assertThat(reply).isEqualTo("HÉLLO".getBytes(StandardCharsets.ISO_8859_1));
	}

	@Test
	void bytesAndSessionShouldBePassedInTheDeclaredOrder() throws Exception {
		byte[] reply = listener("sessionThenBytes").invoke(new byte[] { 1, 2, 3 }, this.session, StandardCharsets.UTF_8);
		assertThat(reply).containsExactly(3, 2, 1);
		assertThat(this.bean.session).isSameAs(this.session);
	}

	@Test
	void methodWithoutParametersOrReplyShouldBeCalledAndAnswerNothing() throws Exception {
		assertThat(listener("tick").invoke(new byte[] { 1 }, this.session, StandardCharsets.UTF_8)).isNull();
		assertThat(this.bean.ticks).isOne();
		assertThat(listener("upperCaseOrNull").invoke(new byte[0], this.session, StandardCharsets.UTF_8)).isNull();
	}

	@Test
	void failureShouldBeThrownAsTheMethodThrewIt() {
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> listener("failing").invoke(new byte[0], this.session, StandardCharsets.UTF_8))
			.withMessage("backend down");
		assertThatExceptionOfType(StackOverflowError.class)
			.isThrownBy(() -> listener("overflowing").invoke(new byte[0], this.session, StandardCharsets.UTF_8));
	}

	private ListenerMethod listener(String name) {
		Method method = Arrays.stream(Signatures.class.getDeclaredMethods())
			.filter((candidate) -> candidate.getName().equals(name))
			.findFirst()
			.orElseThrow();
		return new ListenerMethod(this.bean, method);
	}

	record Point(int x, int y) {
	}

	static class Signatures {

		int ticks;

		TcpSession session;

		void withCount(String frame, int count) {
		}

		void twoFrames(String frame, byte[] again) {
		}

		void twoSessions(TcpSession first, byte[] frame, TcpSession second) {
		}

		int returnsCount(String frame) {
			return 0;
		}

		Object returnsObject(String frame) {
			return frame;
		}

		void unknownHeader(String frame, @Header("kafka_offset") String offset) {
		}

		void mistypedHeader(String frame, @Header(TcpHeaders.REMOTE_ADDRESS) String address) {
		}

		String withMetadata(String frame, @Header(TcpHeaders.CONNECTION_ID) String id,
				@Header(TcpHeaders.SERVER_NAME) String server, InetSocketAddress client,
				@Header(TcpHeaders.REMOTE_ADDRESS) InetSocketAddress again) {
			return frame + " " + id + " " + server + " " + client + " " + again;
		}

		Point takesPoint(Point point) {
			return new Point(point.y(), point.x());
		}

		String upperCase(String frame) {
			return frame.toUpperCase(java.util.Locale.ROOT);
		}

		String upperCaseOrNull(String frame) {
			return frame.isEmpty() ? null : frame;
		}

		byte[] sessionThenBytes(TcpSession session, byte[] frame) {
			this.session = session;
			return new byte[] { frame[2], frame[1], frame[0] };
		}

		void tick() {
			this.ticks++;
		}

		void failing(byte[] frame) throws IOException {
			throw new IOException("backend down");
		}

		void overflowing(byte[] frame) {
			throw new StackOverflowError();
		}

	}

}
