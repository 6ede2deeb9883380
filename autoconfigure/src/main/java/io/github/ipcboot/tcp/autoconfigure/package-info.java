/**
 * Auto-configuration of TCP servers from {@code ipc.tcp.*} properties.
 */
@NullMarked
package io.github.ipcboot.tcp.autoconfigure;

import org.jspecify.annotations.NullMarked;
