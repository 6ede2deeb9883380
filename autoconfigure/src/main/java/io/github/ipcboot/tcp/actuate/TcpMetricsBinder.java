package io.github.ipcboot.tcp.actuate;

import java.util.List;

import io.github.ipcboot.tcp.TcpClient;
import io.github.ipcboot.tcp.TcpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Registers the meters of every {@link TcpServer} and {@link TcpClient} bean, once all singletons
 * exist (before the servers start), and sets the observer that records them on each. A server's
 * {@link io.github.ipcboot.tcp.TcpListener} calls become {@code ipc.tcp.handler} observations of
 * the given {@link ObservationRegistry}, whose meter observation handler turns them into the timer
 * {@code ipc.tcp.handler} and the long task timer {@code ipc.tcp.handler.active}.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class TcpMetricsBinder implements SmartInitializingSingleton {

	private final MeterRegistry meterRegistry;

	private final ObservationRegistry observationRegistry;

	private final ObjectProvider<TcpServer> servers;

	private final ObjectProvider<TcpClient> clients;

	private @Nullable TcpHandlerObservationConvention observationConvention;

	private boolean registerHandlerMeters = true;

	private List<ObservationFilter> observationFilters = List.of();

	/**
	 * Create a new instance.
	 * @param meterRegistry the registry of the meters
	 * @param observationRegistry the registry of the handler observations
	 * @param servers the servers
	 * @param clients the clients
	 */
	public TcpMetricsBinder(MeterRegistry meterRegistry, ObservationRegistry observationRegistry,
			ObjectProvider<TcpServer> servers, ObjectProvider<TcpClient> clients) {
		this.meterRegistry = meterRegistry;
		this.observationRegistry = observationRegistry;
		this.servers = servers;
		this.clients = clients;
	}

	/**
	 * Set the convention of the handler observations.
	 * @param observationConvention the convention, or {@code null} for
	 * {@link DefaultTcpHandlerObservationConvention}
	 */
	public void setObservationConvention(@Nullable TcpHandlerObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Set whether to register the handler's timer (for calls that succeed) and long task timer
	 * before the first call, as the observation registry's meter observation handler will tag
	 * them; only right when the observation registry has such a handler that records into the
	 * same meter registry.
	 * @param registerHandlerMeters whether to register them
	 */
	public void setRegisterHandlerMeters(boolean registerHandlerMeters) {
		this.registerHandlerMeters = registerHandlerMeters;
	}

	/**
	 * Set the filters of the observation registry, so that the handler's timer is registered with
	 * the key values they add.
	 * @param observationFilters the filters, in the order the registry applies them
	 */
	public void setObservationFilters(List<ObservationFilter> observationFilters) {
		this.observationFilters = List.copyOf(observationFilters);
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.servers.orderedStream().forEach(this::bind);
		this.clients.orderedStream()
			.forEach((client) -> client.setObserver(
					MicrometerTcpObserver.client(this.meterRegistry, client.getName(), client.getSettings().isUnix(),
							client.getConnectionRegistry(), client.getSettings().tls() != null)));
	}

	private void bind(TcpServer server) {
		TcpHandlerObservations handler = new TcpHandlerObservations(server.getName(), this.observationRegistry,
				this.observationConvention);
		if (this.registerHandlerMeters) {
			handler.registerMeters(this.meterRegistry, this.observationFilters);
		}
		server.setObserver(MicrometerTcpObserver.server(this.meterRegistry, server.getName(),
				server.getSettings().isUnix(), server.getConnectionRegistry(), server.getSettings().tls() != null,
				handler));
	}

}
