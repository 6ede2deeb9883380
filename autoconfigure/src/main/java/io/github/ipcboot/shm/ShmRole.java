package io.github.ipcboot.shm;

/**
 * The side an application takes on a channel.
 *
 * @author ipc-spring-boot
 * @since 0.3.0
 */
public enum ShmRole {

	/** Creates and owns the file, reads requests and answers them with its {@link ShmListener}. */
	SERVER,

	/** Attaches to the server's file and sends messages and requests ({@link ShmClient}). */
	CLIENT

}
