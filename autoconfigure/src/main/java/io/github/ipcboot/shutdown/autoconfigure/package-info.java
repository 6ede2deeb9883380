/**
 * Auto-configuration of the graceful shutdown and its signal handlers.
 */
@NullMarked
package io.github.ipcboot.shutdown.autoconfigure;

import org.jspecify.annotations.NullMarked;
