package io.github.ipcboot.benchmarks.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --key=value} arguments of a benchmark runner, with a system property
 * {@code -D<prefix>.key=value} as the fallback for each key.
 */
final class OptionArguments {

	private final Map<String, String> values;

	private final String propertyPrefix;

	private OptionArguments(Map<String, String> values, String propertyPrefix) {
		this.values = values;
		this.propertyPrefix = propertyPrefix;
	}

	/**
	 * Read the arguments.
	 * @param args arguments of the form {@code --key=value}
	 * @param known the keys the runner understands
	 * @param propertyPrefix the prefix of the fallback system properties, e.g. {@code load}
	 * @return the arguments
	 * @throws IllegalArgumentException for an argument of another form or an unknown key
	 */
	static OptionArguments parse(String[] args, List<String> known, String propertyPrefix) {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			int equals = arg.indexOf('=');
			if (!arg.startsWith("--") || equals < 0) {
				throw new IllegalArgumentException("Expected --key=value but got '" + arg + "'");
			}
			String key = arg.substring(2, equals);
			if (!known.contains(key)) {
				throw new IllegalArgumentException("Unknown option --" + key + "; known: " + known);
			}
			values.put(key, arg.substring(equals + 1));
		}
		return new OptionArguments(values, propertyPrefix);
	}

	/**
	 * Return the value of a key: the argument, else the system property, else the default.
	 */
	String value(String key, String defaultValue) {
		String value = this.values.get(key);
		return (value != null) ? value : System.getProperty(this.propertyPrefix + "." + key, defaultValue);
	}

	/**
	 * Return the non-blank parts of a comma-separated value.
	 */
	List<String> list(String key, String defaultValue) {
		return split(value(key, defaultValue), ",");
	}

	/**
	 * Return the non-blank parts of a space-separated value, e.g. JVM options.
	 */
	List<String> words(String key, String defaultValue) {
		return split(value(key, defaultValue), " ");
	}

	private static List<String> split(String value, String separator) {
		return Arrays.stream(value.split(separator)).map(String::trim).filter((part) -> !part.isEmpty()).toList();
	}

}
