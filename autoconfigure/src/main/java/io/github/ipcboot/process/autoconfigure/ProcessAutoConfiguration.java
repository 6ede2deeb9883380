package io.github.ipcboot.process.autoconfigure;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.annotation.Bean;

import io.github.ipcboot.autoconfigure.IpcStartupException;
import io.github.ipcboot.process.CommandDefinition;
import io.github.ipcboot.process.DefaultProcessService;
import io.github.ipcboot.process.DefaultProcessServiceBuilder;
import io.github.ipcboot.process.EnvironmentPolicy;
import io.github.ipcboot.process.ProcessListener;
import io.github.ipcboot.process.ProcessRegistry;
import io.github.ipcboot.process.ProcessService;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the process-execution service: a {@link ProcessService} configured from {@code ipc.process},
 * with every {@link ProcessListener} bean registered, and its {@link ProcessRegistry}. When the
 * application context closes, the service terminates every running process tree.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@EnableConfigurationProperties(ProcessProperties.class)
public final class ProcessAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ProcessAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ProcessRegistry processRegistry() {
		return new ProcessRegistry();
	}

	@Bean
	@ConditionalOnMissingBean(ProcessService.class)
	DefaultProcessService processService(ProcessProperties properties, ProcessRegistry processRegistry,
			ObjectProvider<ProcessListener> listeners, ObjectProvider<ProcessServiceCustomizer> customizers) {
		DefaultProcessServiceBuilder builder = DefaultProcessService.builder().registry(processRegistry);
		PropertyMapper map = PropertyMapper.get();
		map.from(properties::getMaxConcurrent).to(builder::maxConcurrent);
		map.from(properties::getDefaultTimeout).to(builder::defaultTimeout);
		map.from(properties::getTerminationGrace).to(builder::terminationGrace);
		map.from(properties::getMaxCapturedOutput).to(builder::maxCapturedOutput);
		map.from(properties::getOutputDrainTimeout).to(builder::outputDrainTimeout);
		map.from(properties::getMaxLineLength).to(builder::maxLineLength);
		EnvironmentPolicy commandEnvironment = new EnvironmentPolicy(properties.getEnvironment().getInherit(),
				properties.getEnvironment().getAllow());
		builder.commandEnvironment(commandEnvironment);
		map.from(properties::isVirtualThreads).to(builder::virtualThreads);
		map.from(properties::getLauncher).to(builder::launcher);
		map.from(properties::isContainDescendants).to(builder::containDescendants);
		map.from(properties::isChildSubreaper).to(builder::childSubreaper);
		properties.getCommands().forEach((name, command) -> {
			if (command.getContainDescendants() != null) {
				builder.containDescendants(name, command.getContainDescendants());
			}
		});
		builder.queue(properties.getQueue().getCapacity(), properties.getQueue().getWait());
		properties.getCommands()
			.forEach((name, command) -> builder.command(commandDefinition(name, command, commandEnvironment)));
		listeners.orderedStream().forEach(builder::listener);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		DefaultProcessService service = build(builder);
		logger.info(service.describeLaunching());
		return service;
	}

	private static DefaultProcessService build(DefaultProcessServiceBuilder builder) {
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw IpcStartupException.invalid("ipc.process", ex);
		}
	}

	private static CommandDefinition commandDefinition(String name, ProcessProperties.Command command,
			EnvironmentPolicy commandEnvironment) {
		return new CommandDefinition(name, command.getCommand(),
				(command.getDirectory() != null) ? command.getDirectory().toPath() : null, command.getEnvironment(),
				command.getTimeout(), allowedArgs(name, command.getAllowedArgs()), command.getMaxConcurrent(),
				command.isSensitiveArgs(), environmentPolicy(command, commandEnvironment));
	}

	/**
	 * Returns the command's own policy, or {@code null} when it configures none and the
	 * service-wide one applies.
	 */
	private static @Nullable EnvironmentPolicy environmentPolicy(ProcessProperties.Command command,
			EnvironmentPolicy commandEnvironment) {
		if (command.getInheritEnvironment() == null && command.getAllowEnvironment().isEmpty()) {
			return null;
		}
		EnvironmentPolicy.Inheritance inherit = Objects.requireNonNullElse(command.getInheritEnvironment(),
				commandEnvironment.inherit());
		return new EnvironmentPolicy(inherit, commandEnvironment.allowed())
			.alsoAllowing(command.getAllowEnvironment());
	}

	private static @Nullable Pattern allowedArgs(String name, @Nullable String regex) {
		try {
			return (regex != null) ? Pattern.compile(regex) : null;
		}
		catch (PatternSyntaxException ex) {
			throw new IpcStartupException(
					"ipc.process.commands." + name + ".allowed-args is not a valid regular expression: " + ex.getMessage(),
					"ipc.process.commands." + name + ".allowed-args", regex,
					"Give a java.util.regex.Pattern that every extra argument must match as a whole.", ex);
		}
	}

}
