package io.github.ipcboot.shutdown;

import org.springframework.context.ApplicationEvent;

/**
 * Published when the process receives a signal configured under
 * {@code ipc.shutdown.event-signals} (by default {@code HUP}); nothing is stopped. A typical use is
 * reloading configuration or reopening log files:
 * <pre class="code">
 * &#64;EventListener
 * void onHangUp(SignalReceivedEvent event) {
 *     if (event.getSignalName().equals("HUP")) { reload(); }
 * }
 * </pre>
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public class SignalReceivedEvent extends ApplicationEvent {

	private final String signalName;

	private final int signalNumber;

	/**
	 * Create a new event.
	 * @param source the object that received the signal
	 * @param signalName the signal's name without {@code SIG}, e.g. {@code HUP}
	 * @param signalNumber the signal's number on this platform
	 */
	public SignalReceivedEvent(Object source, String signalName, int signalNumber) {
		super(source);
		this.signalName = signalName;
		this.signalNumber = signalNumber;
	}

	/**
	 * Return the signal's name without {@code SIG}.
	 * @return the name, e.g. {@code HUP}
	 */
	public String getSignalName() {
		return this.signalName;
	}

	/**
	 * Return the signal's number on this platform.
	 * @return the number, e.g. 1 for {@code HUP} on Linux
	 */
	public int getSignalNumber() {
		return this.signalNumber;
	}

}
