package io.github.ipcboot.demo.gateway;

/**
 * The codes of the gateway's {@code ERR <code> [detail]} lines.
 */
public enum ErrorCode {

	/** The verb of the request is not one the gateway knows. */
	UNKNOWN_COMMAND,

	/**
	 * The verb is not served on this transport: the shared-memory channel answers only {@code PING}
	 * and {@code ECHO}.
	 */
	UNSUPPORTED,

	/** {@code RUN} named a command that is not configured. */
	NOT_ALLOWED,

	/** The request's arguments are missing, superfluous or not allowed for the command. */
	BAD_ARGS,

	/** The command ran longer than its timeout and was terminated. */
	TIMEOUT,

	/**
	 * The process capacity is full, or the connection already has as many requests queued behind
	 * a {@code RUN} as it may.
	 */
	BUSY,

	/** The command's program could not be started. */
	START_FAILED,

	/** {@code FORWARD} could not get a reply from the ingest server. */
	FORWARD_FAILED,

	/**
	 * The service is shutting down: a request not started when the drain began, a {@code RUN}
	 * after the process service closed, or the end of a command terminated at the drain's timeout.
	 */
	SHUTTING_DOWN,

	/** The command was cancelled from outside, e.g. through the Actuator {@code processes} endpoint. */
	CANCELLED,

	/**
	 * The gateway failed unexpectedly (also the server's {@code listener-error-reply}).
	 */
	INTERNAL

}
