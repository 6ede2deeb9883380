package io.github.ipcboot.udp.autoconfigure;

import io.github.ipcboot.autoconfigure.ClientBeansRegistrar;
import io.github.ipcboot.udp.UdpClient;

/**
 * Registers a bean {@code <name>UdpClient} for every client configured under
 * {@code ipc.udp.clients.<name>}: the {@link UdpClient} of the {@code udpClients} bean, so that it
 * can be injected by name.
 */
class UdpClientBeansRegistrar extends ClientBeansRegistrar {

	static final String CLIENTS_BEAN_NAME = "udpClients";

	UdpClientBeansRegistrar() {
		super(UdpClient.class, CLIENTS_BEAN_NAME, "UdpClient", (binder) -> configuredNames(binder, "ipc.udp.clients"));
	}

}
