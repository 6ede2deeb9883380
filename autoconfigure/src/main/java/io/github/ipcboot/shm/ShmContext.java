package io.github.ipcboot.shm;

/**
 * The message a {@link ShmListener} method handles, for a method that takes it as a parameter.
 *
 * @param channel the configured name of the channel
 * @param correlationId the correlation id of a request, 0 for a fire-and-forget message
 * @param request whether the message is a request, whose return value is the reply
 * @param size the size of the message in bytes
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public record ShmContext(String channel, long correlationId, boolean request, int size) {

}
