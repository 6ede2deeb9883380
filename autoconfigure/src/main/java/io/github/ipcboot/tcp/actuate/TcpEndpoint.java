package io.github.ipcboot.tcp.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.ipcboot.tcp.ConnectionRegistry;
import io.github.ipcboot.tcp.ConnectionRegistry.ConnectAttempt;
import io.github.ipcboot.tcp.ConnectionRegistry.ConnectionInfo;
import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpClientSettings;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpProxyProtocol;
import io.github.ipcboot.tcp.TcpServer;
import io.github.ipcboot.tcp.TcpServerSettings;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.TcpTls;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code tcp} Actuator endpoint: the TCP servers with their open connections, the TCP clients,
 * and a write operation that closes one server connection by id ({@code POST /actuator/tcp} with
 * {@code {"connectionId": "..."}}). Like every endpoint it is exposed over HTTP only when
 * {@code management.endpoints.web.exposure.include} names it; set
 * {@code management.endpoint.tcp.access=read-only} to allow the description but not the close.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
@Endpoint(id = "tcp")
public class TcpEndpoint {

	private final TcpServers servers;

	private final TcpClients clients;

	/**
	 * Create a new instance.
	 * @param servers the servers
	 * @param clients the clients
	 */
	public TcpEndpoint(TcpServers servers, TcpClients clients) {
		this.servers = servers;
		this.clients = clients;
	}

	/**
	 * Describe the servers and clients.
	 * @return the description
	 */
	@ReadOperation
	public TcpDescriptor tcp() {
		List<ServerDescriptor> serverDescriptors = this.servers.names()
			.stream()
			.map((name) -> describe(this.servers.get(name)))
			.toList();
		List<ClientDescriptor> clientDescriptors = this.clients.names()
			.stream()
			.map((name) -> describe(this.clients.client(name)))
			.toList();
		return new TcpDescriptor(serverDescriptors, clientDescriptors);
	}

	/**
	 * Close one connection of a server. Frames already written are delivered first.
	 * @param connectionId the id of the connection, as listed by the read operation
	 * @return what was done
	 */
	@WriteOperation
	public CloseResult closeConnection(String connectionId) {
		for (String name : this.servers.names()) {
			if (this.servers.get(name).getConnectionRegistry().close(connectionId)) {
				return new CloseResult(connectionId, true, name, "Closed");
			}
		}
		return new CloseResult(connectionId, false, null,
				"No open connection with id '" + connectionId + "' on servers " + this.servers.names());
	}

	private static ServerDescriptor describe(TcpServer server) {
		TcpServerSettings settings = server.getSettings();
		boolean listening = isListening(server);
		Integer port = (!settings.isUnix() && (listening || server.isDraining())) ? server.getPort() : null;
		return new ServerDescriptor(server.getName(), transport(settings.isUnix()), settings.address(), port,
				listening, server.isDraining(), settings.framing().toString(), lowerCase(settings.ioMode()),
				describe(settings.tls(), true), describe(settings.proxyProtocol()), settings.maxConnections(),
				server.getActiveConnections(), server.getConnectionRegistry().getConnections());
	}

	private static ClientDescriptor describe(TcpClient client) {
		TcpClientSettings settings = client.getSettings();
		ConnectionRegistry connections = client.getConnectionRegistry();
		return new ClientDescriptor(client.getName(), transport(settings.isUnix()), settings.host(),
				settings.isUnix() ? null : settings.port(), settings.framing().toString(),
				lowerCase(settings.ioMode()), describe(settings.tls(), false), settings.poolSize(),
				connections.getOpenConnections(), connections.getLastConnect());
	}

	private static String transport(boolean unix) {
		return unix ? "unix" : "tcp";
	}

	private static boolean isListening(TcpServer server) {
		// a stopped factory may not have noticed yet that its listening socket is closed
		return server.getConnectionFactory().isRunning() && server.getConnectionFactory().isListening();
	}

	private static @Nullable TlsDescriptor describe(@Nullable TcpTls tls, boolean server) {
		if (tls == null) {
			return null;
		}
		return new TlsDescriptor(tls.bundleName(), server ? lowerCase(tls.clientAuth()) : null);
	}

	private static @Nullable ProxyProtocolDescriptor describe(@Nullable TcpProxyProtocol proxy) {
		if (proxy == null) {
			return null;
		}
		return new ProxyProtocolDescriptor(proxy.trustedProxies().stream().map(Object::toString).toList(),
				proxy.headerTimeout(), proxy.maxHeaderSize());
	}

	private static String lowerCase(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The servers and clients.
	 *
	 * @param servers the servers, in configuration order
	 * @param clients the clients, in configuration order
	 */
	public record TcpDescriptor(List<ServerDescriptor> servers, List<ClientDescriptor> clients)
			implements OperationResponseBody {

	}

	/**
	 * One server.
	 *
	 * @param name the configured name
	 * @param transport {@code tcp}, or {@code unix} for a Unix domain socket
	 * @param address the local address it binds ({@code unix:<path>} for a Unix domain socket), or
	 * {@code null} for all interfaces
	 * @param port the bound port, or {@code null} when it is not listening (and not draining) and
	 * for a Unix domain socket
	 * @param listening whether it is listening
	 * @param draining whether it is draining for a graceful shutdown
	 * @param framing the framing, e.g. {@code line (max 65536 bytes)}
	 * @param ioMode {@code net} or {@code nio}
	 * @param tls the TLS settings, or {@code null} for plain TCP
	 * @param proxyProtocol the PROXY protocol settings when every connection must start with a
	 * load balancer's header, or {@code null} when the server takes none
	 * @param maxConnections the most connections served at once
	 * @param activeConnections the connections admitted and open
	 * @param connections the open connections, oldest first
	 */
	public record ServerDescriptor(String name, String transport, @Nullable String address, @Nullable Integer port, boolean listening,
			boolean draining, String framing, String ioMode, @Nullable TlsDescriptor tls,
			@Nullable ProxyProtocolDescriptor proxyProtocol, int maxConnections, int activeConnections,
			List<ConnectionInfo> connections) {

	}

	/**
	 * One client.
	 *
	 * @param name the configured name
	 * @param transport {@code tcp}, or {@code unix} for a Unix domain socket
	 * @param host the server's host ({@code unix:<path>} for a Unix domain socket)
	 * @param port the server's port, or {@code null} for a Unix domain socket
	 * @param framing the framing
	 * @param ioMode {@code net} or {@code nio}
	 * @param tls the TLS settings, or {@code null} for plain TCP
	 * @param poolSize the most connections open at once
	 * @param openConnections the connections open now
	 * @param lastConnect how the last attempt to connect ended, or {@code null} before the first
	 */
	public record ClientDescriptor(String name, String transport, String host, @Nullable Integer port, String framing, String ioMode,
			@Nullable TlsDescriptor tls, int poolSize, int openConnections, @Nullable ConnectAttempt lastConnect) {

	}

	/**
	 * The TLS settings of a server or client.
	 *
	 * @param bundle the name of the SSL bundle
	 * @param clientAuth whether a server asks for client certificates ({@code none}, {@code want},
	 * {@code need}); {@code null} for a client
	 */
	public record TlsDescriptor(String bundle, @Nullable String clientAuth) {

	}

	/**
	 * The PROXY protocol settings of a server behind a load balancer.
	 *
	 * @param trustedProxies the address ranges of the balancers allowed to connect, e.g.
	 * {@code 10.0.0.0/8}; empty when every peer is trusted
	 * @param headerTimeout how long the header may take to arrive
	 * @param maxHeaderSize the longest version 2 header accepted, in bytes
	 * @since 0.2.0
	 */
	public record ProxyProtocolDescriptor(List<String> trustedProxies, Duration headerTimeout, int maxHeaderSize) {

	}

	/**
	 * The result of closing a connection.
	 *
	 * @param connectionId the id asked for
	 * @param closed whether a connection with that id was open and is now closed
	 * @param server the server the connection belonged to, or {@code null} when none had it
	 * @param message what happened
	 */
	public record CloseResult(String connectionId, boolean closed, @Nullable String server, String message)
			implements OperationResponseBody {

	}

}
