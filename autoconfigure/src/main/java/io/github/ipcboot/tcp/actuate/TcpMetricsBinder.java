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
 * {@link io.github.ipcboot.tcp.TcpListener} calls are recorded in the timer {@code ipc.tcp.handler}
 * and the long task timer {@code ipc.tcp.handler.active}: directly by default, or, with
 * {@link #setObservationEnabled(boolean)}, as {@code ipc.tcp.handler} observations of the given
 * {@link ObservationRegistry}, whose meter observation handler makes the same meters. When that
 * registry turns the observation off, neither meter is registered (logged at INFO per server).
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

	private boolean observationEnabled;

	private boolean longTaskTimers = true;

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

	/**
	 * Set whether every listener call is an {@code ipc.tcp.handler} observation (tracing spans,
	 * every observation handler) rather than recorded straight into its meters.
	 * @param observationEnabled whether to make an observation of every call
	 */
	public void setObservationEnabled(boolean observationEnabled) {
		this.observationEnabled = observationEnabled;
	}

	/**
	 * Set whether the running calls are recorded in the long task timer
	 * {@code ipc.tcp.handler.active} (when calls are observations, whether it is registered before
	 * the first call; the meter observation handler decides whether it records it).
	 * @param longTaskTimers whether to record them
	 */
	public void setLongTaskTimers(boolean longTaskTimers) {
		this.longTaskTimers = longTaskTimers;
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
		TcpHandlerObservations handler;
		if (this.observationEnabled) {
			handler = TcpHandlerObservations.observed(server.getName(), this.observationRegistry,
					this.observationConvention);
			if (!TcpHandlerObservations.isOff(server.getName(), this.observationRegistry, this.observationConvention)
					&& this.registerHandlerMeters) {
				// at zero before the first call, as the meter observation handler will tag them
				handlerTimers(server);
			}
		}
		else {
			handler = TcpHandlerObservations.timed(server.getName(), this.observationRegistry,
					this.observationConvention, () -> handlerTimers(server));
		}
		server.setObserver(MicrometerTcpObserver.server(this.meterRegistry, server.getName(),
				server.getSettings().isUnix(), server.getConnectionRegistry(), server.getSettings().tls() != null,
				handler));
	}

	private TcpHandlerTimers handlerTimers(TcpServer server) {
		TcpHandlerObservationConvention convention = (this.observationConvention != null) ? this.observationConvention
				: TcpHandlerObservations.DEFAULT_CONVENTION;
		return new TcpHandlerTimers(server.getName(), this.meterRegistry, convention, this.observationFilters,
				this.longTaskTimers);
	}

}
