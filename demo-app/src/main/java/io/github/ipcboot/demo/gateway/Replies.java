package io.github.ipcboot.demo.gateway;

/**
 * The lines the gateway writes: data lines ({@code STDOUT}, {@code STDERR}, {@code CMD}) and the
 * final {@code OK} / {@code ERR} line of a request. Text that did not come from the request line
 * itself (a child's error, another server's reply) is kept on one line, since a line break would
 * end the frame early.
 */
public final class Replies {

	private Replies() {
	}

	/**
	 * Return a final success line.
	 * @param text what follows {@code OK }, verbatim
	 * @return the line
	 */
	public static String ok(String text) {
		return "OK " + text;
	}

	/**
	 * Return a final error line.
	 * @param code the error code
	 * @param detail what follows the code, or an empty string for nothing
	 * @return {@code ERR <code>} or {@code ERR <code> <detail>}
	 */
	public static String error(ErrorCode code, String detail) {
		String line = "ERR " + code.name();
		return detail.isEmpty() ? line : line + " " + singleLine(detail);
	}

	/**
	 * Return a data line.
	 * @param tag the tag, e.g. {@code STDOUT}
	 * @param text the data
	 * @return {@code <tag> <text>}
	 */
	public static String data(String tag, String text) {
		return tag + " " + text;
	}

	/**
	 * Return text with every line break replaced by a space.
	 * @param text any text
	 * @return the text on one line
	 */
	public static String singleLine(String text) {
		return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
	}

}
