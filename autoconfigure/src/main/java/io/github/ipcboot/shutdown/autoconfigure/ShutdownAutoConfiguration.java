package io.github.ipcboot.shutdown.autoconfigure;

import java.util.Locale;
import java.util.List;

import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.process.autoconfigure.ProcessAutoConfiguration;
import io.github.ipcboot.shutdown.DrainParticipant;
import io.github.ipcboot.shutdown.GracefulShutdownCoordinator;
import io.github.ipcboot.shutdown.ShutdownListener;
import io.github.ipcboot.shutdown.ShutdownSettings;
import io.github.ipcboot.tcp.TcpClients;
import io.github.ipcboot.tcp.TcpServers;
import io.github.ipcboot.tcp.autoconfigure.TcpAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link GracefulShutdownCoordinator}, which drains the TCP servers,
 * clients, processes and {@link DrainParticipant drain participants} (UDP endpoints) of the starter on the first {@code SIGTERM}/{@code SIGINT} or on any close
 * of the application context. Off with {@code ipc.shutdown.enabled=false}.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
@AutoConfiguration(after = { TcpAutoConfiguration.class, ProcessAutoConfiguration.class },
		afterName = "io.github.ipcboot.udp.autoconfigure.UdpAutoConfiguration")
@ConditionalOnBooleanProperty(name = "ipc.shutdown.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ShutdownProperties.class)
public final class ShutdownAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	GracefulShutdownCoordinator gracefulShutdownCoordinator(ConfigurableApplicationContext context,
			ShutdownProperties properties, ObjectProvider<TcpServers> servers, ObjectProvider<TcpClients> clients,
			ObjectProvider<ProcessRegistry> processes, ObjectProvider<DefaultProcessService> processService,
			ObjectProvider<ShutdownListener> listeners, ObjectProvider<DrainParticipant> participants) {
		ShutdownSettings settings = new ShutdownSettings(names(properties.getSignals()),
				names(properties.getEventSignals()), properties.getDrainDelay(), properties.getTimeout(),
				properties.isHandleSignals());
		return new GracefulShutdownCoordinator(context, settings, servers.getIfAvailable(), clients.getIfAvailable(),
				processes.getIfAvailable(), processService.getIfAvailable(), listeners.orderedStream().toList(),
				participants.orderedStream().toList());
	}

	/**
	 * Accept {@code term}, {@code SIGTERM} and {@code TERM} alike.
	 */
	private static List<String> names(List<String> signals) {
		return signals.stream().map((name) -> name.strip().toUpperCase(Locale.ROOT)).map((name) ->
				name.startsWith("SIG") ? name.substring(3) : name).toList();
	}

}
