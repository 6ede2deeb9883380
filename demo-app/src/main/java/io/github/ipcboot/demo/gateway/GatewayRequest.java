package io.github.ipcboot.demo.gateway;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One request line of the gateway, cut into its verb and what follows it. Words are separated by
 * runs of spaces; spaces before the verb are ignored.
 *
 * @param verb the first word, e.g. {@code RUN}; empty for an empty line
 * @param text everything after the space that ends the verb, verbatim (for {@code ECHO} and
 * {@code FORWARD}), or {@code null} if nothing follows the verb
 * @param arguments the words after the verb
 */
public record GatewayRequest(String verb, @Nullable String text, List<String> arguments) {

	/**
	 * Create a request.
	 * @param verb the first word
	 * @param text what follows the verb, or {@code null}
	 * @param arguments the words after the verb
	 */
	public GatewayRequest {
		arguments = List.copyOf(arguments);
	}

	/**
	 * Parse a request line.
	 * @param line the line, without its line end
	 * @return the request
	 */
	public static GatewayRequest parse(String line) {
		int start = 0;
		while (start < line.length() && line.charAt(start) == ' ') {
			start++;
		}
		int end = line.indexOf(' ', start);
		if (end < 0) {
			return new GatewayRequest(line.substring(start), null, List.of());
		}
		String text = line.substring(end + 1);
		List<String> arguments = Arrays.stream(text.split(" +")).filter((word) -> !word.isEmpty()).toList();
		return new GatewayRequest(line.substring(start, end), text, arguments);
	}

	/**
	 * Return the text after the verb, for requests that need one.
	 * @return the text, verbatim
	 * @throws GatewayException with {@link ErrorCode#BAD_ARGS} if nothing follows the verb
	 */
	public String requireText() {
		if (this.text == null) {
			throw new GatewayException(ErrorCode.BAD_ARGS, this.verb + " needs a text");
		}
		return this.text;
	}

	/**
	 * Check that no word follows the verb.
	 * @throws GatewayException with {@link ErrorCode#BAD_ARGS} if one does
	 */
	public void requireNoArguments() {
		if (!this.arguments.isEmpty()) {
			throw new GatewayException(ErrorCode.BAD_ARGS, this.verb + " takes no arguments");
		}
	}

}
