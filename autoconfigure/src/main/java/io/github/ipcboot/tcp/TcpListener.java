package io.github.ipcboot.tcp;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.github.ipcboot.autoconfigure.ListenerReflectiveProcessor;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a bean method as the handler of every frame a configured TCP server receives.
 * <pre class="code">
 * &#64;TcpListener("orders")
 * String onOrder(String line, TcpSession session) {
 *     return "ACK " + line;
 * }
 * </pre>
 * Parameters, in any order: the frame as {@code byte[]} or {@code String} (decoded with the
 * server's charset) or as any other type, read by the listener message converter (JSON through
 * Jackson when the application has it: one JSON document per frame); optionally the
 * {@link TcpSession}, the client's {@link java.net.InetSocketAddress}, and connection metadata
 * annotated with Spring's {@code @Header} (see {@link TcpHeaders}). A non-null return value
 * ({@code byte[]}, {@code String}, or any other type, written by the converter) is written back as
 * one frame; {@code void} and {@code null} write nothing. Use {@link TcpSession#send(byte[])} to write any number of frames. Frames of one
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
@Reflective(ListenerReflectiveProcessor.class)
public @interface TcpListener {

	/**
	 * The names of the servers, as configured under {@code ipc.tcp.servers.<name>}; at least one.
	 * @return the server names
	 */
	String[] value();

	/**
	 * The name of the {@link TcpListenerErrorHandler} bean that handles what this method throws;
	 * empty for the only such bean, if there is exactly one.
	 * @return the bean name, or empty
	 * @since 0.2.0
	 */
	String errorHandler() default "";

}
