package io.github.ipcboot.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The argument vector of a process, with the positions of the arguments that are sensitive
 * (passwords, tokens) and must never appear in logs, exception messages or {@code toString()}.
 *
 * @param argv the program followed by its arguments, passed to the program verbatim
 * @param sensitive the indexes into {@code argv} of the sensitive arguments
 * @since 0.1.0
 */
public record CommandLine(List<String> argv, Set<Integer> sensitive) {

	/**
	 * What a sensitive argument is replaced with.
	 */
	public static final String REDACTED = "******";

	/**
	 * Creates a command line.
	 * @param argv the program followed by its arguments; must not be empty
	 * @param sensitive the indexes into {@code argv} of the sensitive arguments
	 */
	public CommandLine {
		if (argv.isEmpty()) {
			throw new IllegalArgumentException("A command line needs at least the program to run");
		}
		argv = List.copyOf(argv);
		sensitive = Set.copyOf(new TreeSet<>(sensitive));
		for (int index : sensitive) {
			if (index < 0 || index >= argv.size()) {
				throw new IllegalArgumentException(
						"Sensitive argument index " + index + " is outside the command line of " + argv.size() + " elements");
			}
		}
	}

	/**
	 * Creates a command line without sensitive arguments.
	 * @param argv the program followed by its arguments
	 * @return the command line
	 */
	public static CommandLine of(String... argv) {
		return new CommandLine(List.of(argv), Set.of());
	}

	/**
	 * Returns the program, the first element of the argument vector.
	 * @return the program
	 */
	public String program() {
		return this.argv.get(0);
	}

	/**
	 * Returns the argument vector with every sensitive argument replaced by {@value #REDACTED}.
	 * @return the redacted argument vector
	 */
	public List<String> redacted() {
		if (this.sensitive.isEmpty()) {
			return this.argv;
		}
		List<String> redacted = new ArrayList<>(this.argv);
		this.sensitive.forEach((index) -> redacted.set(index, REDACTED));
		return List.copyOf(redacted);
	}

	/**
	 * Replaces every sensitive argument that appears in a text (and, for an argument of the
	 * form {@code --name=value}, its value alone) with {@value #REDACTED}: for output a program
	 * may echo its arguments in, such as an error message.
	 * @param text the text
	 * @return the text without the sensitive arguments
	 * @since 0.2.0
	 */
	public String redact(String text) {
		String redacted = text;
		for (int index : this.sensitive) {
			String argument = this.argv.get(index);
			if (!argument.isEmpty()) {
				redacted = redacted.replace(argument, REDACTED);
			}
			int equals = argument.indexOf('=');
			if (equals >= 0 && equals < argument.length() - 1) {
				redacted = redacted.replace(argument.substring(equals + 1), REDACTED);
			}
		}
		return redacted;
	}

	/**
	 * Returns the redacted command line as one string, for logs and messages.
	 * @return the redacted command line, in square brackets
	 */
	@Override
	public String toString() {
		return redacted().toString();
	}

}
