/**
 * Auto-configuration of the process-execution service, bound to the {@code ipc.process}
 * properties.
 */
@NullMarked
package io.github.ipcboot.process.autoconfigure;

import org.jspecify.annotations.NullMarked;
