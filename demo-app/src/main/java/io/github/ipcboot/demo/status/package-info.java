/**
 * The {@code status} UDP endpoint: one datagram in, one datagram out, for liveness checks and a
 * one-line summary of the gateway's load.
 */
@NullMarked
package io.github.ipcboot.demo.status;

import org.jspecify.annotations.NullMarked;
