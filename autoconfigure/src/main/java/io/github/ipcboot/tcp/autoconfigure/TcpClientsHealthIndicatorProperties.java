package io.github.ipcboot.tcp.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the {@code tcpClients} health contributor.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
@ConfigurationProperties("management.health.tcpclients")
public class TcpClientsHealthIndicatorProperties {

	/**
	 * Whether the health is DOWN when the last attempt of a TCP client to connect failed.
	 */
	private boolean failWhenUnreachable;

	/**
	 * Return whether the health is DOWN when the last attempt of a client to connect failed.
	 * @return whether an unreachable peer fails the health
	 */
	public boolean isFailWhenUnreachable() {
		return this.failWhenUnreachable;
	}

	/**
	 * Set whether the health is DOWN when the last attempt of a client to connect failed.
	 * @param failWhenUnreachable whether an unreachable peer fails the health
	 */
	public void setFailWhenUnreachable(boolean failWhenUnreachable) {
		this.failWhenUnreachable = failWhenUnreachable;
	}

}
