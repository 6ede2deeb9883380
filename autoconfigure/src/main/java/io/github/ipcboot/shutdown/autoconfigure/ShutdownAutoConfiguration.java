package io.github.ipcboot.shutdown.autoconfigure;

import java.time.Duration;
import java.util.Locale;
import java.util.List;

import io.github.ipcboot.autoconfigure.IpcStartupException;
import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.process.autoconfigure.ProcessAutoConfiguration;
import io.github.ipcboot.shutdown.DrainParticipant;
import io.github.ipcboot.shutdown.GracefulShutdownCoordinator;
import io.github.ipcboot.shutdown.ShutdownBudget;
import io.github.ipcboot.shutdown.ShutdownListener;
import io.github.ipcboot.shutdown.ShutdownSettings;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link GracefulShutdownCoordinator}, which drains the TCP servers,
 * clients, processes and {@link DrainParticipant drain participants} (UDP endpoints, shared-memory channels) of the
 * starter on the first {@code SIGTERM}/{@code SIGINT} or on any close of the application context. Off with {@code ipc.shutdown.enabled=false}.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
@AutoConfiguration(after = { TcpAutoConfiguration.class, ProcessAutoConfiguration.class },
		afterName = { "io.github.ipcboot.udp.autoconfigure.UdpAutoConfiguration",
				"io.github.ipcboot.shm.autoconfigure.ShmAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "ipc.shutdown.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ShutdownProperties.class)
public final class ShutdownAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GracefulShutdownCoordinator gracefulShutdownCoordinator(ConfigurableApplicationContext context,
			ShutdownProperties properties, ObjectProvider<TcpServers> servers, ObjectProvider<TcpClients> clients,
			ObjectProvider<ProcessRegistry> processes, ObjectProvider<DefaultProcessService> processService,
			ObjectProvider<ShutdownListener> listeners, ObjectProvider<DrainParticipant> participants) {
		ShutdownSettings settings = settings(properties);
		DefaultProcessService service = processService.getIfAvailable();
		ShutdownBudget budget = new ShutdownBudget(properties.getDrainDelay(), properties.getTimeout(),
				(service != null) ? service.getTerminationBound() : Duration.ZERO,
				(service != null) ? ShutdownBudget.AFTER_TERMINATION : Duration.ZERO, webServerPhase(context));
		return new GracefulShutdownCoordinator(context, settings, budget, servers.getIfAvailable(),
				clients.getIfAvailable(), processes.getIfAvailable(), service, listeners.orderedStream().toList(),
				participants.orderedStream().toList());
	}

	private static ShutdownSettings settings(ShutdownProperties properties) {
		try {
			return new ShutdownSettings(names(properties.getSignals()), names(properties.getEventSignals()),
					properties.getDrainDelay(), properties.getTimeout(), properties.isHandleSignals(),
					properties.getHardDeadline(), properties.getDrainedExitCode());
		}
		catch (IllegalArgumentException ex) {
			throw IpcStartupException.invalid("ipc.shutdown", ex);
		}
	}

	/**
	 * The longest the web servers' graceful shutdowns may take: Spring Boot bounds each shutdown
	 * phase ({@code spring.lifecycle.timeout-per-shutdown-phase}), once for the main server (after
	 * the drain) and once more for a management server on a port of its own (whose context closes
	 * as the close begins); zero without a web server or with {@code server.shutdown=immediate}.
	 */
	private static Duration webServerPhase(ConfigurableApplicationContext context) {
		// registered by a web server application context when it creates its server
		if (!context.containsBean("webServerGracefulShutdown")) {
			return Duration.ZERO;
		}
		Binder binder = Binder.get(context.getEnvironment());
		if (binder.bind("server.shutdown", String.class).map("immediate"::equalsIgnoreCase).orElse(false)) {
			return Duration.ZERO;
		}
		Duration phase = binder.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
			.orElse(Duration.ofSeconds(30));
		return separateManagementServer(binder) ? phase.multipliedBy(2) : phase;
	}

	/**
	 * Whether Actuator runs a web server of its own, decided as Spring Boot's
	 * {@code ManagementPortType} does: a management port that is set, not negative, and either
	 * 0 (a random port of its own) or not the server's.
	 */
	private static boolean separateManagementServer(Binder binder) {
		Integer managementPort = binder.bind("management.server.port", Integer.class).orElse(null);
		if (managementPort == null || managementPort < 0) {
			return false;
		}
		Integer serverPort = binder.bind("server.port", Integer.class).orElse(null);
		boolean same = (serverPort == null && managementPort == 8080)
				|| (managementPort != 0 && managementPort.equals(serverPort));
		return !same;
	}

	/**
	 * Accept {@code term}, {@code SIGTERM} and {@code TERM} alike.
	 */
	private static List<String> names(List<String> signals) {
		return signals.stream().map((name) -> name.strip().toUpperCase(Locale.ROOT)).map((name) ->
				name.startsWith("SIG") ? name.substring(3) : name).toList();
	}

}
