package io.github.ipcboot.udp.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for UDP endpoints and clients ({@code ipc.udp.*}).
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
@ConfigurationProperties(prefix = "ipc.udp", ignoreUnknownFields = false)
public class UdpProperties {

	/**
	 * UDP endpoints by name; each needs one @UdpListener method.
	 */
	private final Map<String, UdpEndpointProperties> endpoints = new LinkedHashMap<>();

	/**
	 * UDP clients by name, available from the UdpClients bean and as beans '<name>UdpClient'.
	 */
	private final Map<String, UdpClientProperties> clients = new LinkedHashMap<>();

	public Map<String, UdpEndpointProperties> getEndpoints() {
		return this.endpoints;
	}

	public Map<String, UdpClientProperties> getClients() {
		return this.clients;
	}

}
