/**
 * The {@code commands} server: the gateway's line protocol, one request per line, answered with
 * zero or more data lines and one final {@code OK} or {@code ERR} line.
 */
@NullMarked
package io.github.ipcboot.demo.gateway;

import org.jspecify.annotations.NullMarked;
