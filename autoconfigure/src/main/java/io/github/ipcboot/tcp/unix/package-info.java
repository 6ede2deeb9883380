/**
 * Unix domain sockets for TCP servers and clients ({@code address: unix:<path>}): the connection
 * factories that bind and connect {@code AF_UNIX} channels, the socket file's lifecycle, and the
 * peer credentials check. The connections themselves are the NIO connections of
 * {@link io.github.ipcboot.tcp}, over a {@link io.github.ipcboot.tcp.unix.UnixChannelView}.
 */
@NullMarked
package io.github.ipcboot.tcp.unix;

import org.jspecify.annotations.NullMarked;
