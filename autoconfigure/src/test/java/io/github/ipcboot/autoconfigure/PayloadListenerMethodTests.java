package io.github.ipcboot.autoconfigure;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link PayloadListenerMethod} checks a listener's signature when it is built: one payload, at
 * most one context, a reply type it can send.
 */
class PayloadListenerMethodTests {

	private static final String ONCE = " must take the message (byte[] or String) once and may take the Context once";

	private static final String PREFIX = "@TestListener method " + Listeners.class.getName() + ".";

	@Test
	void methodWithTwoPayloadsOrNoneShouldBeRefused() {
		assertThatIllegalStateException().isThrownBy(() -> method("twoPayloads"))
			.withMessage(PREFIX + "twoPayloads" + ONCE);
		assertThatIllegalStateException().isThrownBy(() -> method("noPayload"))
			.withMessage(PREFIX + "noPayload" + ONCE);
	}

	@Test
	void methodWithTwoContextsShouldBeRefused() {
		assertThatIllegalStateException().isThrownBy(() -> method("twoContexts"))
			.withMessage(PREFIX + "twoContexts" + ONCE);
	}

	@Test
	void methodReturningAnotherTypeShouldBeRefused() {
		assertThatIllegalStateException().isThrownBy(() -> method("returnsInt"))
			.withMessage(PREFIX + "returnsInt returns int; return void, byte[] or String");
	}

	@Test
	void validMethodShouldBeCalledWithItsPayloadAndContext() throws Throwable {
		Context context = new Context();
		assertThat(method("reply").invoke("hi".getBytes(StandardCharsets.UTF_8), context, StandardCharsets.UTF_8))
			.isEqualTo(("hi " + context.hashCode()).getBytes(StandardCharsets.UTF_8));
	}

	private static PayloadListenerMethod<Context> method(String name) {
		return new PayloadListenerMethod<>(new Listeners(),
				ReflectionUtils.findMethod(Listeners.class, name, (Class<?>[]) null), Context.class,
				"@TestListener", "message") {
		};
	}

	static final class Context {

	}

	static final class Listeners {

		void twoPayloads(String text, byte[] bytes) {
		}

		void noPayload(Context context) {
		}

		void twoContexts(String text, Context first, Context second) {
		}

		int returnsInt(String text) {
			return text.length();
		}

		String reply(String text, Context context) {
			return text + " " + context.hashCode();
		}

	}

}
