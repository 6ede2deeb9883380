package io.github.ipcboot.tcp.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.ipcboot.tcp.TcpProxyProtocol;

import org.springframework.util.unit.DataSize;

/**
 * PROXY protocol of one TCP server behind a load balancer
 * ({@code ipc.tcp.servers.<name>.proxy-protocol.*}).
 *
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public class TcpServerProxyProtocolProperties {

	/**
	 * Whether every connection starts with a PROXY protocol header (version 1 or 2, as HAProxy's
	 * send-proxy and send-proxy-v2, AWS NLB and Envoy send it) that names the client, whose address
	 * then counts for allowed-clients and max-connections-per-client and is the session's remote
	 * address.
	 */
	private boolean enabled;

	/**
	 * Address ranges in CIDR notation or single addresses of the load balancers that may connect;
	 * connections from elsewhere are closed before a byte is read. Any peer when empty, which is
	 * safe only on a network that nothing but the balancer reaches.
	 */
	private List<String> trustedProxies = new ArrayList<>();

	/**
	 * How long the whole header may take to arrive once a connection is accepted.
	 */
	private Duration headerTimeout = TcpProxyProtocol.DEFAULT_HEADER_TIMEOUT;

	/**
	 * Largest version 2 header accepted, its TLVs included, from 232B to 65551B; version 1 headers
	 * are at most 107 bytes by the specification.
	 */
	private DataSize maxHeaderSize = DataSize.ofBytes(TcpProxyProtocol.DEFAULT_MAX_HEADER_SIZE);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getTrustedProxies() {
		return this.trustedProxies;
	}

	public void setTrustedProxies(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies;
	}

	public Duration getHeaderTimeout() {
		return this.headerTimeout;
	}

	public void setHeaderTimeout(Duration headerTimeout) {
		this.headerTimeout = headerTimeout;
	}

	public DataSize getMaxHeaderSize() {
		return this.maxHeaderSize;
	}

	public void setMaxHeaderSize(DataSize maxHeaderSize) {
		this.maxHeaderSize = maxHeaderSize;
	}

}
