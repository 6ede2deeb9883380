package io.github.ipcboot.demo.gateway;

/**
 * The requests the gateway answers at once with one line, needing no connection, no process and
 * no other server: {@code PING} and {@code ECHO}. The TCP line protocol
 * ({@link CommandGatewayListener}) and the shared-memory channel ({@link ShmGatewayListener})
 * both answer them here.
 */
final class InstantRequests {

	private InstantRequests() {
	}

	/**
	 * Whether a verb is one of the requests answered here.
	 * @param verb the verb of a request
	 * @return {@code true} for {@code PING} and {@code ECHO}
	 */
	static boolean isInstant(String verb) {
		return "PING".equals(verb) || "ECHO".equals(verb);
	}

	/**
	 * Answer a {@code PING} or an {@code ECHO}.
	 * @param request the request, whose verb {@link #isInstant(String) is instant}
	 * @return the final line: {@code OK PONG}, or {@code OK <text>}
	 * @throws GatewayException with {@link ErrorCode#BAD_ARGS} for words after {@code PING} or an
	 * {@code ECHO} without a text
	 * @throws IllegalArgumentException for any other verb
	 */
	static String answer(GatewayRequest request) {
		return switch (request.verb()) {
			case "PING" -> {
				request.requireNoArguments();
				yield Replies.ok("PONG");
			}
			case "ECHO" -> Replies.ok(request.requireText());
			default -> throw new IllegalArgumentException("Not an instant request: " + request.verb());
		};
	}

}
