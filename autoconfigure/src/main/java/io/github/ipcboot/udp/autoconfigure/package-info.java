/**
 * Auto-configuration of UDP endpoints and clients from {@code ipc.udp.*} properties.
 */
@NullMarked
package io.github.ipcboot.udp.autoconfigure;

import org.jspecify.annotations.NullMarked;
