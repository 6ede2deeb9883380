package io.github.ipcboot.tcp;

/**
 * How a TCP server or client does its I/O.
 *
 * @author ipc-spring-boot
 * @since 0.1.0
 */
public enum TcpIoMode {

	/**
	 * Blocking sockets, one thread (platform or virtual) per connection, reading through a
	 * {@link io.github.ipcboot.framing.FrameInputStream} in bulk. The default: measured fastest
	 * (see benchmarks/README.md).
	 */
	NET,

	/**
	 * Spring Integration's NIO connections: a selector thread and a pool of assembler threads. Frames
	 * of one connection are still handled in order; the codecs read byte by byte here, since the
	 * NIO connection must see every byte it has not yet handed to the codec.
	 */
	NIO

}
