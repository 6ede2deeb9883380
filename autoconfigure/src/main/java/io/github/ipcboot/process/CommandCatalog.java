package io.github.ipcboot.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The named commands, and the checks an extra argument must pass before a named command runs.
 */
final class CommandCatalog {

	private final Map<String, CommandDefinition> commands = new LinkedHashMap<>();

	private final EnvironmentPolicy defaultEnvironment;

	/**
	 * @param defaultEnvironment what a command inherits when its definition sets no policy
	 */
	CommandCatalog(List<CommandDefinition> commands, EnvironmentPolicy defaultEnvironment) {
		commands.forEach((command) -> this.commands.put(command.name(), command));
		this.defaultEnvironment = defaultEnvironment;
	}

	List<CommandDefinition> definitions() {
		return List.copyOf(this.commands.values());
	}

	ProcessSpecBuilder builder(String name, List<String> args) {
		CommandDefinition definition = this.commands.get(name);
		if (definition == null) {
			throw new UnknownCommandException(name, this.commands.keySet());
		}
		checkArguments(definition, args);
		List<String> fixed = definition.command();
		ProcessSpecBuilder builder = ProcessSpec.builder(fixed.get(0))
			.args(fixed.subList(1, fixed.size()))
			.name(name)
			.directory(definition.directory())
			.environmentPolicy(Objects.requireNonNullElse(definition.environmentPolicy(), this.defaultEnvironment))
			.environment(definition.environment());
		if (definition.sensitiveArgs()) {
			builder.sensitiveFrom(fixed.size());
		}
		if (definition.timeout() != null) {
			if (definition.timeout().isZero()) {
				builder.noTimeout();
			}
			else {
				builder.timeout(definition.timeout());
			}
		}
		return builder.args(args);
	}

	private static void checkArguments(CommandDefinition definition, List<String> args) {
		Pattern allowed = definition.allowedArgs();
		for (int i = 0; i < args.size(); i++) {
			if (allowed == null) {
				throw new ArgumentRejectedException(definition.name(), i,
						"the command accepts no extra arguments (no allowed-args configured)");
			}
			if (!allowed.matcher(args.get(i)).matches()) {
				throw new ArgumentRejectedException(definition.name(), i,
						"does not match allowed-args '" + allowed.pattern() + "'");
			}
		}
	}

}
