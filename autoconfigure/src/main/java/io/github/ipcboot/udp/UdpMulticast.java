package io.github.ipcboot.udp;

import org.jspecify.annotations.Nullable;

/**
 * The multicast group a UDP endpoint joins.
 *
 * @param group the group address, e.g. {@code 239.1.2.3}
 * @param networkInterface the name of the interface to join on (e.g. {@code lo}, {@code eth0}),
 * or {@code null} for the first interface that is up and supports multicast
 * @param loopback whether datagrams sent to the group by this host are looped back to it
 * @param timeToLive the TTL of the datagrams this endpoint sends to the group
 * @author ipc-spring-boot
 * @since 0.2.0
 */
public record UdpMulticast(String group, @Nullable String networkInterface, boolean loopback, int timeToLive) {

}
