package io.github.ipcboot.tcp;

/**
 * Names of the connection metadata a {@link TcpListener} method can take as parameters annotated
 * with Spring's {@code @Header}:
 * <pre class="code">
 * &#64;TcpListener("orders")
 * Receipt onOrder(Order order, &#64;Header(TcpHeaders.CONNECTION_ID) String connectionId,
 *         &#64;Header(TcpHeaders.SERVER_NAME) String server, InetSocketAddress client) { ... }
 * </pre>
 * An {@link java.net.InetSocketAddress} parameter is the client's address without an annotation.
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public final class TcpHeaders {

	/** The connection's id ({@link TcpSession#id()}), a {@code String}. */
	public static final String CONNECTION_ID = "ipc_tcp_connectionId";

	/** The configured name of the server ({@link TcpSession#serverName()}), a {@code String}. */
	public static final String SERVER_NAME = "ipc_tcp_serverName";

	/** The client's address ({@link TcpSession#remoteAddress()}), an {@code InetSocketAddress}. */
	public static final String REMOTE_ADDRESS = "ipc_tcp_remoteAddress";

	private TcpHeaders() {
	}

}
