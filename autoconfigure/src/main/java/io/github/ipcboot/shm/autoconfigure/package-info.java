/**
 * Auto-configuration of shared-memory channels from {@code ipc.shm.*} properties, active when
 * Agrona is on the class path.
 */
@NullMarked
package io.github.ipcboot.shm.autoconfigure;

import org.jspecify.annotations.NullMarked;
