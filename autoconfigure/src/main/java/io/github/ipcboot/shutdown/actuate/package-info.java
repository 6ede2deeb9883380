/**
 * Meters of the graceful shutdown.
 */
@NullMarked
package io.github.ipcboot.shutdown.actuate;

import org.jspecify.annotations.NullMarked;
