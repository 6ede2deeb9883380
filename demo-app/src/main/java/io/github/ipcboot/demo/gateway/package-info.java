/**
 * The {@code commands} server: the gateway's line protocol, one request per line, answered with
 * zero or more data lines and one final {@code OK} or {@code ERR} line; and its {@code PING} and
 * {@code ECHO} through the {@code gateway} shared-memory channel.
 */
@NullMarked
package io.github.ipcboot.demo.gateway;

import org.jspecify.annotations.NullMarked;
