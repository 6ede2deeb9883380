package io.github.ipcboot.shutdown;

/**
 * Something besides the TCP servers, clients and processes that the graceful shutdown drains,
 * such as UDP endpoints: every bean of this type is told when the drain begins (after the drain
 * delay) and is waited for, within the shutdown timeout, until it has no work in flight.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public interface DrainParticipant {

	/**
	 * Stop taking new work (stop receiving) and let the work already taken finish.
	 */
	void beginDrain();

	/**
	 * Return how much work is still in flight.
	 * @return the count; the drain waits until it is 0 or the timeout passes
	 */
	int getInFlight();

}
