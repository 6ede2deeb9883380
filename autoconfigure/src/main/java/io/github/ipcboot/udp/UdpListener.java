package io.github.ipcboot.udp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.ipcboot.autoconfigure.ListenerReflectiveProcessor;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a bean method as the handler of every datagram a configured UDP endpoint receives.
 * <pre class="code">
 * &#64;UdpListener("status")
 * String onDatagram(String text, UdpContext context) {
 *     return "PING".equals(text) ? "PONG" : null;
 * }
 * </pre>
 * Parameters, in any order: the datagram as {@code byte[]} or {@code String} (decoded with the
 * endpoint's charset), and optionally the {@link UdpContext} (sender and endpoint name). A
 * non-null return value ({@code byte[]} or {@code String}) is sent back to the sender as one
 * datagram; {@code void} and {@code null} send nothing. Datagrams are handled concurrently on the
 * endpoint's bounded executor, in no guaranteed order. An exception is logged (rate-limited) and
 * counted; the endpoint goes on. Exactly one listener per endpoint is allowed.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(ListenerReflectiveProcessor.class)
public @interface UdpListener {

	/**
	 * The name of the endpoint, as configured under {@code ipc.udp.endpoints.<name>}.
	 * @return the endpoint name
	 */
	String value();

}
