package io.github.ipcboot.tcp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as the handler of every frame a configured TCP server receives.
 * <pre class="code">
 * &#64;TcpListener("orders")
 * String onOrder(String line, TcpSession session) {
 *     return "ACK " + line;
 * }
 * </pre>
 * Parameters, in any order: the frame as {@code byte[]} or {@code String} (decoded with the
 * server's charset), and optionally the {@link TcpSession}. A non-null return value
 * ({@code byte[]} or {@code String}) is written back as one frame; {@code void} and {@code null}
 * write nothing. Use {@link TcpSession#send(byte[])} to write any number of frames. Frames of one
 * connection are handled one at a time and in the order they arrived, so replies go out in the
 * order of the requests. Exactly one listener per server is allowed; one method may serve several
 * servers, e.g. the same protocol over TCP and over a Unix domain socket:
 * {@code @TcpListener({"orders", "orders-local"})}.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TcpListener {

	/**
	 * The names of the servers, as configured under {@code ipc.tcp.servers.<name>}; at least one.
	 * @return the server names
	 */
	String[] value();

}
