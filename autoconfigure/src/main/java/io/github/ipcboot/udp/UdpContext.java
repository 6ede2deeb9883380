package io.github.ipcboot.udp;

import java.net.InetSocketAddress;

/**
 * Where a datagram came from, for a {@link UdpListener} method that takes it as a parameter.
 *
 * @param endpoint the configured name of the endpoint that received it
 * @param sender the address and port of the sender (as the datagram claims: UDP senders can be
 * spoofed)
 * @param size the size of the datagram in bytes
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public record UdpContext(String endpoint, InetSocketAddress sender, int size) {

}
