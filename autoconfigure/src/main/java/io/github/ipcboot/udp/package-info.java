/**
 * UDP datagram endpoints ({@link io.github.ipcboot.udp.UdpListener}) and clients on plain
 * {@link java.nio.channels.DatagramChannel}s, with bounded handler executors.
 */
@NullMarked
package io.github.ipcboot.udp;

import org.jspecify.annotations.NullMarked;
