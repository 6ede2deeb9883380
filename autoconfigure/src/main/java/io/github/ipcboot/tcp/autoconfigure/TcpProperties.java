package io.github.ipcboot.tcp.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for TCP servers and clients ({@code ipc.tcp.*}).
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
@ConfigurationProperties(prefix = "ipc.tcp", ignoreUnknownFields = false)
public class TcpProperties {

	/**
	 * Whether server connections are served by virtual threads (JDK 21 and later). When not set,
	 * follows spring.threads.virtual.enabled.
	 */
	private @Nullable Boolean virtualThreads;

	/**
	 * Whether every @TcpListener call is a Micrometer Observation named ipc.tcp.handler (tracing
	 * spans, every observation handler); when false, the calls are recorded straight into the same
	 * meters, which costs several times less per frame.
	 */
	private boolean observationEnabled;

	/**
	 * TCP servers by name; each gets a connection factory bean named
	 * '<name>TcpServerConnectionFactory'.
	 */
	private final Map<String, TcpServerProperties> servers = new LinkedHashMap<>();

	/**
	 * TCP clients by name; each gets a connection factory bean named
	 * '<name>TcpClientConnectionFactory' and a TcpClient from the TcpClients bean.
	 */
	private final Map<String, TcpClientProperties> clients = new LinkedHashMap<>();

	public @Nullable Boolean getVirtualThreads() {
		return this.virtualThreads;
	}

	public void setVirtualThreads(@Nullable Boolean virtualThreads) {
		this.virtualThreads = virtualThreads;
	}

	public boolean isObservationEnabled() {
		return this.observationEnabled;
	}

	public void setObservationEnabled(boolean observationEnabled) {
		this.observationEnabled = observationEnabled;
	}

	public Map<String, TcpServerProperties> getServers() {
		return this.servers;
	}

	public Map<String, TcpClientProperties> getClients() {
		return this.clients;
	}

}
