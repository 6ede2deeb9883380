package io.github.ipcboot.demo.gateway;

/**
 * A request the gateway refuses; its {@link #reply()} is the request's final line.
 */
public class GatewayException extends RuntimeException {

	private final ErrorCode code;

	private final String detail;

	/**
	 * Create an exception.
	 * @param code the error code
	 * @param detail what the client needs to know, on one line; empty for none
	 */
	public GatewayException(ErrorCode code, String detail) {
		super(Replies.error(code, detail));
		this.code = code;
		this.detail = detail;
	}

	/**
	 * Return the error code.
	 * @return the code
	 */
	public ErrorCode getCode() {
		return this.code;
	}

	/**
	 * Return the detail of the error line.
	 * @return the detail, possibly empty
	 */
	public String getDetail() {
		return this.detail;
	}

	/**
	 * Return the final line that answers the refused request.
	 * @return the {@code ERR} line
	 */
	public String reply() {
		return Replies.error(this.code, this.detail);
	}

}
