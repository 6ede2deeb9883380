package io.github.ipcboot.shm;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.ipcboot.autoconfigure.ListenerReflectiveProcessor;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a bean method as the handler of every message the client of a shared-memory channel in the
 * server role sends.
 * <pre class="code">
 * &#64;ShmListener("prices")
 * String onMessage(String text, ShmContext context) {
 *     return text.toUpperCase();
 * }
 * </pre>
 * Parameters, in any order: the message as {@code byte[]} or {@code String} (decoded with the
 * channel's charset), and optionally the {@link ShmContext}. For a request, a non-null return value
 * ({@code byte[]} or {@code String}) goes back on the reply ring with the request's correlation id,
 * and {@code null} or {@code void} as an empty reply; for a fire-and-forget message the return value
 * is dropped. Messages are handled one at a time, in ring order, on the channel's reader thread: a
 * slow listener holds up the ring. An exception is logged and counted, and a request gets an error
 * reply ({@link ShmRemoteException} at the client). Exactly one listener per server channel.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(ListenerReflectiveProcessor.class)
public @interface ShmListener {

	/**
	 * The name of the channel, as configured under {@code ipc.shm.channels.<name>} with
	 * {@code role: server}.
	 * @return the channel name
	 */
	String value();

}
