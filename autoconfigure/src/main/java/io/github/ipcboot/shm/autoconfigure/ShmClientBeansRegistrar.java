package io.github.ipcboot.shm.autoconfigure;

import java.util.List;
import java.util.Map;

import io.github.ipcboot.autoconfigure.ClientBeansRegistrar;
import io.github.ipcboot.shm.ShmClient;
import io.github.ipcboot.shm.ShmRole;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Registers a bean {@code <name>ShmClient} for every channel configured under
 * {@code ipc.shm.channels.<name>} with {@code role: client}: the {@link ShmClient} of the
 * {@code shmClients} bean, so that it can be injected by name.
 */
class ShmClientBeansRegistrar extends ClientBeansRegistrar {

	static final String CLIENTS_BEAN_NAME = "shmClients";

	ShmClientBeansRegistrar() {
		super(ShmClient.class, CLIENTS_BEAN_NAME, "ShmClient", ShmClientBeansRegistrar::clientChannels);
	}

	private static List<String> clientChannels(Binder binder) {
		Map<String, ShmChannelProperties> channels = binder
			.bind("ipc.shm.channels", Bindable.mapOf(String.class, ShmChannelProperties.class))
			.orElse(Map.of());
		return channels.keySet().stream().filter((name) -> channels.get(name).getRole() == ShmRole.CLIENT).toList();
	}

}
