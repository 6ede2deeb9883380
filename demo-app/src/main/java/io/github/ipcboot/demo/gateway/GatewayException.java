package io.github.ipcboot.demo.gateway;

/**
 * A request the gateway refuses; its message is the request's final {@code ERR} line.
 */
public class GatewayException extends RuntimeException {

	private final ErrorCode code;

	/**
	 * Create an exception.
	 * @param code the error code
	 * @param detail what the client needs to know, on one line; empty for none
	 */
	public GatewayException(ErrorCode code, String detail) {
		super(Replies.error(code, detail));
		this.code = code;
	}

	/**
	 * Return the error code.
	 * @return the code
	 */
	public ErrorCode getCode() {
		return this.code;
	}

	/**
	 * Return the final line that answers the refused request.
	 * @return the {@code ERR} line
	 */
	public String reply() {
		return getMessage();
	}

}
